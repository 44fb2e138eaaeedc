import Dedup

/// The standard-error lines about how one input was read: its encoding when it was not UTF-8,
/// replaced invalid sequences, oversized paragraphs.
struct InputNotes {
    var document: AnalyzedDocument
    var name: String

    var lines: [String] {
        let decoded = document.decoded
        var lines: [String] = []
        let encoding = decoded.encoding
        if encoding != "UTF-8" {
            let basis = decoded.basis.map { " (\($0))" } ?? ""
            lines.append("dedup: note: \(name): read as \(encoding)\(basis)")
        }
        if decoded.replacedSequences > 0 {
            let count = decoded.replacedSequences
            let line = decoded.firstReplacementLine.map { " (first at line \($0))" } ?? ""
            lines.append(
                "dedup: warning: \(name): \(count) ill-formed \(encoding) sequence\(count == 1 ? "" : "s")"
                    + " replaced with U+FFFD\(line)")
        }
        let oversized = document.oversizedParagraphs
        if oversized > 0 {
            lines.append(
                "dedup: warning: \(name): \(oversized) paragraph\(oversized == 1 ? "" : "s") over "
                    + "--max-paragraph-bytes passed through without looking for repeats")
        }
        return lines
    }

    func print() {
        for line in lines { StandardError.line(line) }
    }
}
