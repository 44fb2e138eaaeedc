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

    public mutating func fingerprint(_ text: [UInt8]) -> ParagraphFingerprint {
        text.withUnsafeBufferPointer { fingerprint($0) }
    }
}
