extension DedupConfiguration {
    /// The defaults: what a Chinese newspaper archive wants. The only place defaults are written.
    public static let `default` = DedupConfiguration(
        minSignificantCharacters: 10,
        seed: 42,
        normalization: NormalizationOptions(
            whitespace: true, width: true, punctuation: true, quotes: true, lineJoin: true,
            rejoin: true, toSimplified: false, rejoinMinCharacters: 40),
        near: NearDuplicateOptions(
            threshold: 0.8, containment: 0.8, ngram: 5, permutations: 128, keep: .first),
        corpus: CorpusOptions(scope: .corpus)
    )
}
