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
    /// How paragraph text is normalized before fingerprinting and output.
    public var normalization: NormalizationOptions
    /// Near duplicates, fragments and which copy stays.
    public var near: NearDuplicateOptions
    /// Corpus runs: the scope of comparison.
    public var corpus: CorpusOptions
    /// Encodings, strictness and the paragraph size limit.
    public var input: InputHandling

    public init(
        minSignificantCharacters: Int, seed: UInt32, normalization: NormalizationOptions,
        near: NearDuplicateOptions, corpus: CorpusOptions, input: InputHandling
    ) {
        self.minSignificantCharacters = minSignificantCharacters
        self.seed = seed
        self.normalization = normalization
        self.near = near
        self.corpus = corpus
        self.input = input
    }
}
