/// Decides, document by document in input order, which paragraphs repeat an earlier kept one.
///
/// The only stateful stage: it owns the indexes of what has been kept so far. Feeding it the same
/// documents in the same order gives the same plans, whatever thread analyzed them.
public struct DuplicateDetector: Sendable {
    public let configuration: DedupConfiguration
    private var exact = ExactDuplicateIndex()

    public init(configuration: DedupConfiguration) {
        self.configuration = configuration
    }

    /// Plans the removals for `document` and records its kept paragraphs for later documents.
    /// - Complexity: O(p) expected for p paragraphs.
    public mutating func plan(for document: AnalyzedDocument) -> RemovalPlan {
        var plan = RemovalPlan(document: document.id)
        for paragraph in document.paragraphs where !paragraph.isOversized {
            let fingerprint = paragraph.fingerprint
            let here = ParagraphRef(document: document.id, paragraph: paragraph.index)
            if let kept = exact.lookup(fingerprint.exactKey) {
                if fingerprint.significantCharacters >= configuration.minSignificantCharacters {
                    plan.removals.append(
                        Removal(paragraph: paragraph.index, reason: .exact, kept: kept, similarity: 1.0))
                }
                continue
            }
            exact.insert(fingerprint.exactKey, here)
        }
        return plan
    }
}
