/// A verified match of one paragraph against a kept one.
struct ParagraphMatch: Sendable, Equatable {
    var reason: RemovalReason
    /// The kept paragraph's number in `KeptParagraphIndex`.
    var kept: Int32
    /// 1.0 for exact; the verified Jaccard (near) or containment (contained).
    var similarity: Double
}
