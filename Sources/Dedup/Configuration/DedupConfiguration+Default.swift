extension DedupConfiguration {
    /// The defaults: what a Chinese newspaper archive wants. The only place defaults are written.
    public static let `default` = DedupConfiguration(
        minSignificantCharacters: 10,
        seed: 42,
        corpus: CorpusOptions(scope: .corpus)
    )
}
