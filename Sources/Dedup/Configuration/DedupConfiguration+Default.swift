extension DedupConfiguration {
    /// The defaults: what a Chinese newspaper archive wants. The only place defaults are written.
    public static let `default` = DedupConfiguration(
        minSignificantCharacters: 10,
        seed: 42,
        // 16 MiB: a news paragraph is under 10 KB and the longest prose paragraphs in the bench
        // corpora are under 100 KB, so only dumps (a whole file without blank lines, base64, tables)
        // reach it; the match key of one paragraph costs up to ~3x its size, so 16 MiB keeps a
        // worker's scratch memory under ~50 MB.
        input: InputHandling(encoding: .auto, strict: false, maxParagraphBytes: 16 << 20)
    )
}
