/// What detection needs to know about one paragraph, computed from its match key.
public struct ParagraphFingerprint: Sendable, Equatable {
    /// MurmurHash3-128 of the match key: equal keys, equal hashes.
    public var exactKey: Hash128
    /// Letters, digits and ideographs in the key; paragraphs below the configured minimum are never removed.
    public var significantCharacters: Int
    /// Shingles, MinHash band keys and anchors, for near duplicates and fragments. Nil when the
    /// analyzer deferred it (`DocumentAnalyzer.defersRepeatedSketches`): an earlier document had
    /// the same exact key, so the planner will almost always remove this paragraph as an exact
    /// repeat without needing one, and computes it from the text in the rare case it does.
    public var sketch: SimilaritySketch?

    /// The fingerprint of a paragraph that is never matched: oversized, or analyzed for a
    /// planner that reads no fingerprints (`DocumentAnalyzer.fingerprints`).
    static var empty: ParagraphFingerprint {
        ParagraphFingerprint(
            exactKey: Hash128(high: 0, low: 0), significantCharacters: 0,
            sketch: SimilaritySketch(shingles: ShingleSet(sortedUnique: []), bandKeys: [], anchors: []))
    }

    public init(exactKey: Hash128, significantCharacters: Int, sketch: SimilaritySketch?) {
        self.exactKey = exactKey
        self.significantCharacters = significantCharacters
        self.sketch = sketch
    }
}
