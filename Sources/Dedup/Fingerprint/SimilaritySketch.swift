/// What near-duplicate and fragment detection keep of a paragraph: no text, only hashes.
///
/// Bytes per paragraph (what a batch plan or the kept-paragraph store holds): the shingle set,
/// 4 bytes per distinct shingle; the band keys, 8 bytes per band (128 at the default 16 bands);
/// the anchors, 4 bytes each for about 2/9 of the shingles; plus three 32-byte array headers.
/// A 40-character Chinese paragraph (36 shingles) takes about 144 + 128 + 32 + 96 ≈ 400 bytes.
public struct SimilaritySketch: Sendable, Equatable {
    /// The distinct shingle hashes, for exact Jaccard and containment.
    public var shingles: ShingleSet
    /// The LSH band keys of the MinHash signature.
    public var bandKeys: [UInt64]
    /// Winnowing anchors, for finding the paragraph a fragment lies inside.
    public var anchors: [UInt32]

    public init(shingles: ShingleSet, bandKeys: [UInt64], anchors: [UInt32]) {
        self.shingles = shingles
        self.bandKeys = bandKeys
        self.anchors = anchors
    }
}
