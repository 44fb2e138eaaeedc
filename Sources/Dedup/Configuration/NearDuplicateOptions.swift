/// How near duplicates and fragments are found and which copy stays.
///
/// Shingles are character `ngram`-grams of the match key. `ngram` = 5 was chosen by measurement
/// (`Benchmarks/quality.py --ngrams`, README "Near duplicates"): on news-like it gives the highest
/// recall on near and split-piece repeats without flagging any fresh paragraph; 3 flags fresh
/// paragraphs and removes the seed's photo caption `和林格尔新区智能制造产业园 张家辉 摄` as a
/// fragment of the body text under `--keep longest` (12 of its 15 trigrams are in the body), and
/// 6 or more loses a one-character edit in a 60-character paragraph (a substitution changes `n`
/// shingles: Jaccard 51/61 = 0.84 at n = 5, 49/61 = 0.80 at n = 6).
public struct NearDuplicateOptions: Sendable, Codable, Equatable {
    /// A paragraph whose exact shingle Jaccard with a kept paragraph is at least this is removed
    /// as `near`. In (0, 1].
    public var threshold: Double
    /// A paragraph with at least this fraction of its shingles inside one kept paragraph that is
    /// not smaller is removed as `contained`; `nil` turns fragment detection off. In (0, 1].
    public var containment: Double?
    /// Unicode scalars per shingle (≥ 1).
    public var ngram: Int
    /// MinHash signature length (bins of one-permutation hashing).
    public var permutations: Int
    /// Which copy stays.
    public var keep: KeepPolicy

    public init(threshold: Double, containment: Double?, ngram: Int, permutations: Int, keep: KeepPolicy) {
        self.threshold = threshold
        self.containment = containment
        self.ngram = ngram
        self.permutations = permutations
        self.keep = keep
    }

    /// Bands × rows derived from `threshold` and `permutations`.
    public var lshParameters: LSHParameters {
        LSHParameters.optimal(threshold: threshold, permutations: permutations)
    }
}
