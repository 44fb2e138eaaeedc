import Dedup

/// The standard-error lines about how one document was read: its encoding when it was not UTF-8,
/// replaced invalid sequences, oversized paragraphs.
struct InputNotes {
    var document: DocumentOutcome
    /// False for the later parts of a file read in parts (the first part's note covers them).
    var notesEncoding = true

    var lines: [String] {
        let name = document.id.rawValue
        let encoding = document.encoding
        var lines: [String] = []
        if encoding != "UTF-8" && notesEncoding {
            let basis = document.encodingBasis.map { " (\($0))" } ?? ""
            lines.append("dedup: note: \(name): read as \(encoding)\(basis)")
        }
        if document.replacedSequences > 0 {
            let count = document.replacedSequences
            let line = document.firstReplacementLine.map { " (first at line \($0))" } ?? ""
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
}
