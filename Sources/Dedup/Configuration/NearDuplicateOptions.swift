/// How near duplicates and fragments are found and which copy stays.
///
/// Shingles are character `ngram`-grams of the match key. The default n = 5 was chosen by
/// measurement (`Benchmarks/quality.py --ngrams 3,4,5,6`, news-like, 224 k paragraphs):
///
/// | n | near recall | split-piece recall | fresh originals removed (of 47 356) |
/// |---|---|---|---|
/// | 3 | 0.934 | 0.965 | 6 062 |
/// | 4 | 0.904 | 0.975 | 4 983 |
/// | 5 | 0.875 | 0.976 | 4 399 |
/// | 6 | 0.846 | 0.974 | 3 955 |
///
/// Split pieces peak at 5; below 5 every step buys ~3 points of near recall with 600–1 100 more
/// fresh paragraphs removed (each one a verified pair, but of text the generator did not repeat:
/// short keys make unrelated sentences share most of their trigrams). The near copies n = 5 misses
/// are 95 % pairs whose key Jaccard is under 0.8 at n = 5, i.e. outside the definition. For Latin
/// text an interior one-character edit in a key of L scalars changes n shingles, Jaccard
/// (L − 2n + 1)/(L + 1), which stays ≥ 0.8 for L ≥ 10n − 1: 49 letters at n = 5, about a
/// 60-character English sentence without its spaces; a shorter one is still removed as
/// `contained` (containment (L − 2n + 1)/(L − n + 1) = 0.89 at L = 48), and n ≥ 6 would lose it.
/// n = 5 is also the peers' shingle size, so their figures compare directly. The seed's photo
/// caption `和林格尔新区智能制造产业园 张家辉 摄` lies 0.69 (n = 5) to 0.73 (n = 3) inside the body
/// paragraph about the park: safe at every n measured.
public struct NearDuplicateOptions: Sendable, Codable, Equatable {
    /// A paragraph whose exact shingle Jaccard with a kept paragraph is at least this is removed
    /// as `near`. In (0, 1].
    public var threshold: Double {
        didSet { if threshold != oldValue { lshParameters = Self.derive(threshold, permutations) } }
    }
    /// A paragraph with at least this fraction of its shingles inside one kept paragraph that is
    /// not smaller is removed as `contained`; `nil` turns fragment detection off. In (0, 1].
    public var containment: Double?
    /// Unicode scalars per shingle (≥ 1).
    public var ngram: Int
    /// MinHash signature length (bins of one-permutation hashing).
    public var permutations: Int {
        didSet { if permutations != oldValue { lshParameters = Self.derive(threshold, permutations) } }
    }
    /// Which copy stays.
    public var keep: KeepPolicy
    /// Bands × rows derived from `threshold` and `permutations`. Stored, not computed on use: the
    /// derivation scans every bands × rows pair with numerical integration (~20 ms), and every
    /// worker's sketcher needs it.
    public private(set) var lshParameters: LSHParameters

    public init(threshold: Double, containment: Double?, ngram: Int, permutations: Int, keep: KeepPolicy) {
        self.threshold = threshold
        self.containment = containment
        self.ngram = ngram
        self.permutations = permutations
        self.keep = keep
        self.lshParameters = Self.derive(threshold, permutations)
    }

    private static func derive(_ threshold: Double, _ permutations: Int) -> LSHParameters {
        LSHParameters.optimal(threshold: threshold, permutations: permutations)
    }

    /// The derived `lshParameters` are not part of the encoded form: they follow from the rest.
    private enum CodingKeys: String, CodingKey {
        case threshold, containment, ngram, permutations, keep
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            threshold: try container.decode(Double.self, forKey: .threshold),
            containment: try container.decodeIfPresent(Double.self, forKey: .containment),
            ngram: try container.decode(Int.self, forKey: .ngram),
            permutations: try container.decode(Int.self, forKey: .permutations),
            keep: try container.decode(KeepPolicy.self, forKey: .keep))
    }
}
