/// What planning decided for one document, with the figures the summary and report need.
public struct DocumentOutcome: Sendable {
    public var id: DocumentID
    public var plan: RemovalPlan
    public var paragraphCount: Int
    public var inputBytes: Int
    public var outputBytes: Int
    public var replacedSequences: Int
    public var firstReplacementLine: Int?
    /// True when `--drop-empty` left this JSONL record out of the output.
    public var dropped: Bool
    /// Every normalization change made in this document (per paragraph and after the plan).
    public var normalization: NormalizationCounts
    /// Quote and bracket repairs, for the report's `repair` records.
    public var repairs: [ParagraphRepair]
    /// The encoding the document was read as ("UTF-8", "GB18030", …).
    public var encoding: String
    /// Why that encoding was chosen, when it was not plain UTF-8 (for the stderr note).
    public var encodingBasis: String?
    /// Paragraphs over `--max-paragraph-bytes`, passed through unchecked.
    public var oversizedParagraphs: Int
}

/// One input after the whole run: its documents' outcomes in order, and what went wrong.
public struct FinishedUnit: Sendable {
    public var file: CorpusInputFile
    public var documents: [DocumentOutcome]
    /// JSONL lines that were not usable records (passed through unchanged).
    public var unusableRecords: [JSONLRecordError]
    /// Set when the input could not be read; nothing was written for it.
    public var inputFailure: InputError?
    /// Set when the output could not be written.
    public var outputFailure: OutputError?
    /// The cleaned bytes, for `OutputDestination.caller` only.
    public var output: [UInt8]?
    /// Bytes read from the input (before decompression).
    public var bytesRead: Int
    /// Bytes of cleaned output produced.
    public var bytesWritten: Int
    /// This input's `removed` report records, one JSON line each, when
    /// `CorpusRunner.Options.rendersReport` is on (rendered on the worker threads).
    public var reportLines: [UInt8]
    /// The `repair` records of a part of a text file, held back by the runner until the file's
    /// last part, so a file's report reads as if it had been read whole (removals, then repairs).
    var deferredRepairLines: [UInt8] = []
    /// Time spent on this input per stage.
    public var timings = StageTimings()

    /// True when this input makes the run fail (exit status 1).
    public var failed: Bool {
        inputFailure != nil || outputFailure != nil || !unusableRecords.isEmpty
    }
}
