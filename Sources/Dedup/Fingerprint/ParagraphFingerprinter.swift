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

    /// As `fingerprint(_:)`, but takes the sketch from `knownSketch` when it has one for the
    /// paragraph's exact key: a sketch depends only on the match key, so a repeat of a key already
    /// sketched need not be shingled and hashed again.
    /// - Complexity: O(n) for the key and hash; the sketch's O(k·n) only when `knownSketch` has none.
    public mutating func fingerprint(
        _ text: UnsafeBufferPointer<UInt8>, knownSketch: (Hash128) -> SimilaritySketch?
    ) -> ParagraphFingerprint {
        let seed = configuration.seed
        return keys.withKey(of: text) { key, significant in
            let exactKey = MurmurHash3.hash128(UnsafeRawBufferPointer(key), seed: seed)
            return ParagraphFingerprint(
                exactKey: exactKey,
                significantCharacters: significant,
                sketch: knownSketch(exactKey) ?? self.sketcher.sketch(ofKey: key))
        }
    }

    public mutating func fingerprint(_ text: [UInt8]) -> ParagraphFingerprint {
        text.withUnsafeBufferPointer { fingerprint($0) }
    }
}
