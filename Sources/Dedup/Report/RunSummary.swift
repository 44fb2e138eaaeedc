/// Counts of one run, for the stderr summary line and the stats file.
public struct RunSummary: Sendable, Equatable {
    public var documents = 0
    public var failedDocuments = 0
    public var paragraphsIn = 0
    public var removedByReason: [RemovalReason: Int] = [:]
    public var bytesIn = 0
    public var bytesOut = 0
    public var replacedSequences = 0
    /// Normalization changes of every kind (per paragraph and after the plan).
    public var normalization = NormalizationCounts()
    /// Paragraphs over `--max-paragraph-bytes`, passed through without deduplication.
    public var oversizedParagraphs = 0

    public init() {}

    public var paragraphsRemoved: Int { removedByReason.values.reduce(0, +) }

    /// Adds one document's figures. `isNewDocument` is false for the later parts of a text file
    /// read in parts (one document, its figures spread over the parts).
    public mutating func add(_ outcome: DocumentOutcome, isNewDocument: Bool = true) {
        if isNewDocument { documents += 1 }
        paragraphsIn += outcome.paragraphCount
        for removal in outcome.plan.removals { removedByReason[removal.reason, default: 0] += 1 }
        bytesIn += outcome.inputBytes
        bytesOut += outcome.outputBytes
        replacedSequences += outcome.replacedSequences
        normalization += outcome.normalization
        oversizedParagraphs += outcome.oversizedParagraphs
    }

    /// One line: paragraphs in, removed by reason, bytes in/out, seconds.
    public func line(seconds: Double) -> String {
        let reasons = RemovalReason.allCases.map { "\($0.rawValue) \(removedByReason[$0, default: 0])" }
            .joined(separator: ", ")
        let time = (seconds * 1000).rounded() / 1000
        var text = "dedup: \(documents) document\(documents == 1 ? "" : "s"), \(paragraphsIn) paragraphs in, "
            + "\(paragraphsRemoved) removed (\(reasons)), "
        if normalization.total > 0 {
            text += "\(normalization.total) normalizations (\(normalization.paragraphsRejoined) paragraphs rejoined, "
                + "\(normalization.quoteRepairs) quote repairs), "
        }
        text += "\(bytesIn) → \(bytesOut) bytes, \(time) s"
        if oversizedParagraphs > 0 { text += ", \(oversizedParagraphs) oversized paragraphs kept unchecked" }
        if failedDocuments > 0 { text += ", \(failedDocuments) failed" }
        return text
    }
}
