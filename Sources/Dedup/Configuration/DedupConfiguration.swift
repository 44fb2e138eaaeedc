/// Everything that decides what a run removes and how text is rewritten.
///
/// Defaults live in `DedupConfiguration+Default.swift` only: start from `.default` and change
/// fields. The configuration is echoed into every report and stats file with its fingerprint, so a
/// run can be reproduced and a persisted index can refuse fingerprints made under other settings.
public struct DedupConfiguration: Sendable, Codable, Equatable {
    /// Paragraphs with fewer letters, digits and ideographs than this are never removed
    /// (bylines such as `本报记者 张鑫` and `（完）` repeat legitimately).
    public var minSignificantCharacters: Int
    /// Seed of every hash the fingerprints use.
    public var seed: UInt32
    /// Encodings, strictness and the paragraph size limit.
    public var input: InputHandling

    public init(minSignificantCharacters: Int, seed: UInt32, input: InputHandling) {
        self.minSignificantCharacters = minSignificantCharacters
        self.seed = seed
        self.input = input
    }
}
