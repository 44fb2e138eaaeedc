import FoundationEssentials

extension DedupConfiguration {
    /// Version of the match-key and fingerprint algorithms. Bump it whenever a change would make
    /// the same text hash differently, so persisted fingerprints are recognised as stale.
    /// Version 2: shingle hashes, one-permutation MinHash and winnowing anchors joined the fingerprint.
    public static let fingerprintAlgorithmVersion = 2

    /// The configuration as canonical JSON (sorted keys), with the algorithm version and the ICU
    /// version, since ICU's normalization tables are part of what a fingerprint means.
    public func canonicalJSON() -> String {
        struct Envelope: Encodable {
            var algorithm: Int
            var icu: String
            var configuration: DedupConfiguration
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let envelope = Envelope(
            algorithm: Self.fingerprintAlgorithmVersion, icu: ICUBridge.version, configuration: self)
        // Encoding plain integers, strings and booleans cannot fail.
        let data = (try? encoder.encode(envelope)) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    /// A short stable id of `canonicalJSON()`: equal fingerprints mean comparable results.
    public var fingerprint: String {
        let hash = MurmurHash3.hash128(Array(canonicalJSON().utf8), seed: 0)
        return String(hash.description.prefix(16))
    }

    /// The ICU version in use, for reports.
    public static var icuVersion: String { ICUBridge.version }
}
