/// Decides, document by document in input order, which paragraphs repeat an earlier kept one —
/// exactly, nearly (verified shingle Jaccard) or as a fragment (verified containment).
///
/// The only stateful stage: it owns the index of what has been kept so far. Feeding it the same
/// documents in the same order gives the same plans, whatever thread analyzed them. It always
/// keeps the first copy (`KeepPolicy.first`), which is what makes streaming possible; the
/// `longest` and `none` policies need every copy first and are planned by
/// `BatchDuplicatePlanner`.
public struct DuplicateDetector: Sendable {
    public let configuration: DedupConfiguration
    private(set) var kept: KeptParagraphIndex
    /// Sketches paragraphs whose sketch the analyzer deferred but whose exact key is new to the
    /// index (the analyzers' table of earlier keys can mistake a key for an earlier one); made
    /// on first need (a detector is made per document with `--scope document`, where nothing
    /// is deferred). A deferred repeat of a kept or removed paragraph needs no sketch: the
    /// index answers it by its exact key.
    private var lateSketcher: ParagraphFingerprinter?
    /// Where `expectInput` last measured how fast the index grows: input bytes planned, and
    /// paragraphs kept.
    private var growthCheckpoint = (planned: 0, kept: 0)
    /// The last `expectInput`: input bytes planned before the current document, and the input's
    /// size (0: never told). `plan(for:)` counts on from it through a long document's paragraphs.
    private var inputProgress = (planned: 0, total: 0)

    public init(configuration: DedupConfiguration) {
        self.configuration = configuration
        self.kept = KeptParagraphIndex(options: configuration.near)
    }

    /// Tells the detector how far through its input the run is: `planned` bytes of `total` are
    /// planned before the next document. Every tenth of the input, the index is told to expect
    /// the growth that the kept paragraphs of the last tenth, kept at the same rate over the
    /// rest, would bring, so its tables grow towards their final size in one step instead of
    /// doubling there (`KeptParagraphIndex.expectGrowth`). The last tenth, not the whole run so
    /// far, and three quarters of that growth: the more of a corpus has been seen, the more of
    /// the rest repeats it, and a table sized past its final need costs memory for the rest of
    /// the run, where one sized short only doubles once more. (The average rate grew the 1 GB
    /// bench corpus's index by 35 %; this, by 11 %.) Changes no result.
    ///
    /// Within a document, `plan(for:)` counts its paragraphs' bytes on from `planned`, so that a
    /// run on one large file (told at each 4 MiB part only) still checks every tenth of it: on a
    /// 10 MB file the tables otherwise doubled their way up, 4 % of the run.
    public mutating func expectInput(planned: Int, of total: Int) {
        inputProgress = (planned, total)
        projectGrowth(planned: planned, of: total)
    }

    private mutating func projectGrowth(planned: Int, of total: Int) {
        guard total > 0, planned < total, 10 * (planned - growthCheckpoint.planned) >= total else { return }
        let since = (planned: planned - growthCheckpoint.planned, kept: kept.count - growthCheckpoint.kept)
        growthCheckpoint = (planned, kept.count)
        guard kept.count > 0 else { return }
        let rate = Double(since.kept) / Double(since.planned)  // kept paragraphs per input byte
        kept.expectGrowth(by: 1 + 0.75 * rate * Double(total - planned) / Double(kept.count))
    }

    /// Plans the removals for `document` and records its kept paragraphs for later documents.
    /// - Complexity: O(p·s) expected for p paragraphs of s shingles (see `KeptParagraphIndex`).
    public mutating func plan(for document: AnalyzedDocument) -> RemovalPlan {
        var plan = RemovalPlan(document: document.id)
        // Taken out for the loop (the closure below cannot capture `self` while `kept` is
        // borrowed) by swapping, so its buffers are never shared and never copied on write.
        var lateSketcher: ParagraphFingerprinter? = nil
        swap(&lateSketcher, &self.lateSketcher)
        defer { swap(&lateSketcher, &self.lateSketcher) }
        let configuration = configuration
        // Read in place: a copy of each paragraph would retain and release its arrays.
        document.paragraphs.withUnsafeBufferPointer { paragraphs in
            let progress = inputProgress
            for position in paragraphs.indices where !paragraphs[position].isOversized {
                // Every 256 paragraphs of a long document: how far into the input is this? (Its
                // decoded bytes stand in for its input bytes; a hint only.)
                if position & 255 == 255 && progress.total > 0 {
                    let planned = progress.planned + paragraphs[position].span.lowerBound
                    if planned < progress.total { projectGrowth(planned: planned, of: progress.total) }
                }
                // The next paragraph's table slots load while this one is decided (a hint only).
                if position + 1 < paragraphs.count { kept.prefetch(paragraphs[position + 1].fingerprint) }
                if position + 2 < paragraphs.count { paragraphs[position + 2].fingerprint.sketch?.prefetch() }
                let index = paragraphs[position].index
                let here = ParagraphRef(document: document.id, paragraph: index)
                if let match = kept.decide(
                    paragraphs[position].fingerprint, as: here,
                    minimumCharacters: configuration.minSignificantCharacters,
                    deferredSketch: {
                        if lateSketcher == nil { lateSketcher = ParagraphFingerprinter(configuration: configuration) }
                        // The match key comes from the normalized text, as in the analyzer.
                        return paragraphs[position].text.withUnsafeBufferPointer { lateSketcher!.sketch(of: $0) }  // safe: set above
                    })
                {
                    plan.removals.append(
                        Removal(
                            paragraph: index, reason: match.reason,
                            kept: kept.refs[Int(match.kept)], similarity: match.similarity))
                }
            }
        }
        return plan
    }
}
