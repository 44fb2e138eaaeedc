/// Turns a paragraph's normalized text into its `ParagraphFingerprint`.
///
/// A value per worker (it holds the match-key scratch buffer); pure given its configuration.
public struct ParagraphFingerprinter: Sendable {
    private var keys = MatchKeyBuilder()
    private var sketcher: SimilaritySketcher
    public let configuration: DedupConfiguration

    public init(configuration: DedupConfiguration) {
        self.configuration = configuration
        self.sketcher = SimilaritySketcher(configuration: configuration)
    }

    public mutating func fingerprint(_ text: UnsafeBufferPointer<UInt8>) -> ParagraphFingerprint {
        let seed = configuration.seed
        return keys.withKey(of: text) { key, significant in
            ParagraphFingerprint(
                exactKey: MurmurHash3.hash128(UnsafeRawBufferPointer(key), seed: seed),
                significantCharacters: significant,
                sketch: self.sketcher.sketch(ofKey: key))
        }
    }

    /// The exact key and significant-character count of `text`, with its match key appended
    /// to `keys` for `sketch(ofKey:)`: `fingerprint(_:)` in two steps, so a caller can compute
    /// the keys of a run of paragraphs first, prefetch what it will look up for each, and sketch
    /// only the paragraphs that need it (`DocumentAnalyzer`: a repeated key reuses a sketch or
    /// defers it). The key's scalars are written to `scalars` from `offset` on when the match
    /// key's fast path gives them (`scalarCount`, nil otherwise), for `sketch(ofKeyScalars:)`,
    /// which then need not decode the key.
    mutating func appendMatchKey(
        of text: UnsafeBufferPointer<UInt8>, to keys: inout [UInt8], scalars: inout [UInt32], at offset: Int
    ) -> KeyFacts {
        let seed = configuration.seed
        return self.keys.withKey(of: text, scalars: &scalars, at: offset) { key, significant, scalarCount in
            Self.facts(of: key, significant: significant, scalarCount: scalarCount, appendingTo: &keys, seed: seed)
        }
    }

    /// `appendMatchKey(of:to:scalars:at:)` for a text whose key can be built by table
    /// (`MatchKeyBuilder.withTableKey`), else nil with nothing appended.
    mutating func appendTableMatchKey(
        of text: UnsafeBufferPointer<UInt8>, to keys: inout [UInt8], scalars: inout [UInt32], at offset: Int
    ) -> KeyFacts? {
        let seed = configuration.seed
        return self.keys.withTableKey(of: text, scalars: &scalars, at: offset) { key, significant, scalarCount in
            Self.facts(of: key, significant: significant, scalarCount: scalarCount, appendingTo: &keys, seed: seed)
        }
    }

    /// What the two `append…MatchKey` give for a paragraph: its exact key, its significant
    /// characters, and how many scalars of its key were written (nil: none).
    typealias KeyFacts = (exactKey: Hash128, significantCharacters: Int, scalarCount: Int?)

    /// Appends `key` to `keys` and hashes it.
    private static func facts(
        of key: UnsafeBufferPointer<UInt8>, significant: Int, scalarCount: Int?, appendingTo keys: inout [UInt8],
        seed: UInt32
    ) -> KeyFacts {
        keys.append(contentsOf: key)
        return (MurmurHash3.hash128(UnsafeRawBufferPointer(key), seed: seed), significant, scalarCount)
    }

    /// The sketch of a match key from `appendMatchKey(of:to:scalars:)`.
    mutating func sketch(ofKey key: UnsafeBufferPointer<UInt8>) -> SimilaritySketch {
        sketcher.sketch(ofKey: key)
    }

    /// The sketch of a match key given as its scalars (equal to `sketch(ofKey:)` of its bytes).
    mutating func sketch(ofKeyScalars scalars: UnsafeBufferPointer<UInt32>) -> SimilaritySketch {
        sketcher.sketch(ofKeyScalars: scalars)
    }

    /// The sketch of a paragraph's normalized text: what `fingerprint(_:)` would have put in its
    /// fingerprint, for a paragraph whose sketch was deferred.
    /// - Complexity: O(k·n) for a key of n scalars.
    public mutating func sketch(of text: UnsafeBufferPointer<UInt8>) -> SimilaritySketch {
        keys.withKey(of: text) { key, _ in self.sketcher.sketch(ofKey: key) }
    }

    public mutating func fingerprint(_ text: [UInt8]) -> ParagraphFingerprint {
        text.withUnsafeBufferPointer { fingerprint($0) }
    }
}
