extension ReportRecord {
    /// The `input` record for `document`, or nil when it was plain UTF-8 with nothing replaced and
    /// nothing oversized (the common case stays out of the report).
    public static func input(for document: AnalyzedDocument) -> ReportRecord? {
        let decoded = document.decoded
        let oversized = document.oversizedParagraphs
        guard !InputDecoder.isUTF8(decoded.encoding) || decoded.replacedSequences > 0 || oversized > 0
        else { return nil }
        return .input(
            document: document.id, encoding: decoded.encoding, replaced: decoded.replacedSequences,
            oversizedParagraphs: oversized)
    }
}
