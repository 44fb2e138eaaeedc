/// Collects what the report says once per file while a text file is read in parts: its `input`
/// record (encoding, replaced sequences and oversized paragraphs summed over the parts) and its
/// `repair` records, held back until the last part. So a file's report lists its removals, then
/// its one input record, then its repairs, whichever part they came from.
/// Fed on the calling thread, in input order.
struct TextPartReport {
    /// False when the run renders no report (`CorpusRunner.Options.rendersReport`).
    let rendersReport: Bool
    private var repairLines: [UInt8] = []
    private var document: DocumentID?
    private var encoding = "UTF-8"
    private var replaced = 0
    private var oversized = 0

    init(rendersReport: Bool) {
        self.rendersReport = rendersReport
    }

    /// Takes `unit`'s held-back lines; at the file's last part, appends the file's records to
    /// its report lines.
    mutating func take(_ unit: inout FinishedUnit) {
        guard unit.file.isTextPart else { return }
        if unit.file.isFirstPart { self = TextPartReport(rendersReport: rendersReport) }
        repairLines += unit.deferredRepairLines
        unit.deferredRepairLines = []
        for outcome in unit.documents {
            document = outcome.id
            encoding = outcome.encoding
            replaced += outcome.replacedSequences
            oversized += outcome.oversizedParagraphs
        }
        guard unit.file.isLastPart else { return }
        if rendersReport, let document, !InputDecoder.isUTF8(encoding) || replaced > 0 || oversized > 0 {
            unit.reportLines += ReportRecord.input(
                document: document, encoding: encoding, replaced: replaced, oversizedParagraphs: oversized
            ).jsonLine()
            unit.reportLines.append(0x0A)
        }
        unit.reportLines += repairLines
        self = TextPartReport(rendersReport: rendersReport)
    }
}
