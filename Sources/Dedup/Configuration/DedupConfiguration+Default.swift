extension DedupConfiguration {
    /// The default normalization options alone. Separate from `default` so that `dedup normalize`
    /// does not pay for deriving the near-duplicate parameters (`NearDuplicateOptions.lshParameters`)
    /// at start-up.
    public static let defaultNormalization = NormalizationOptions(
        whitespace: true, width: true, punctuation: true, quotes: true, lineJoin: true,
        rejoin: true, toSimplified: false, rejoinMinCharacters: 40)

    /// The defaults: what a Chinese newspaper archive wants. The only place defaults are written.
    public static let `default` = DedupConfiguration(
        minSignificantCharacters: 10,
        seed: 42,
        normalization: defaultNormalization,
        near: NearDuplicateOptions(
            threshold: 0.8, containment: 0.8, ngram: 5, permutations: 64, keep: .first),
        corpus: CorpusOptions(scope: .corpus),
        // 16 MiB: the largest paragraphs in the bench corpora are 7.7 KB (zh), 213 KB (a copyright
        // file) and 880 KB (a TSV dump), so only dumps (a file without blank lines, base64, tables)
        // reach it; the match key of one paragraph costs up to ~3x its size, so 16 MiB keeps a
        // worker's scratch memory under ~50 MB.
        input: InputHandling(encoding: .auto, strict: false, maxParagraphBytes: 16 << 20)
    )
}
