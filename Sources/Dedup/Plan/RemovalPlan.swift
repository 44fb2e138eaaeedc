/// The decision for one removed paragraph: which copy stays and how similar the two are.
public struct Removal: Sendable, Equatable {
    public var paragraph: Int
    public var reason: RemovalReason
    public var kept: ParagraphRef
    /// 1.0 for exact; the verified Jaccard or containment otherwise.
    public var similarity: Double

    public init(paragraph: Int, reason: RemovalReason, kept: ParagraphRef, similarity: Double) {
        self.paragraph = paragraph
        self.reason = reason
        self.kept = kept
        self.similarity = similarity
    }
}

/// What detection decided for one document. Detection never edits a document: it produces this
/// plan, and `CleanedTextAssembler` applies it.
public struct RemovalPlan: Sendable, Equatable {
    public var document: DocumentID
    /// Removals in paragraph order.
    public var removals: [Removal]

    public init(document: DocumentID, removals: [Removal] = []) {
        self.document = document
        self.removals = removals
    }

    /// The set of removed paragraph indexes.
    public var removedParagraphs: Set<Int> {
        Set(removals.map(\.paragraph))
    }
}
