/// Decoded text → paragraphs → normalized text → fingerprints. Pure for a given configuration, so
/// documents can be analyzed on any thread in any order; keep one analyzer per worker (it reuses
/// scratch buffers).
public struct DocumentAnalyzer: Sendable {
    public let configuration: DedupConfiguration
    private let splitter = ParagraphSplitter()
    private var fingerprinter: ParagraphFingerprinter

    public init(configuration: DedupConfiguration) {
        self.configuration = configuration
        self.fingerprinter = ParagraphFingerprinter(configuration: configuration)
    }

    public mutating func analyze(_ decoded: DecodedText, id: DocumentID) -> AnalyzedDocument {
        let spans = splitter.split(decoded.bytes)
        var paragraphs: [AnalyzedParagraph] = []
        paragraphs.reserveCapacity(spans.count)
        decoded.bytes.withUnsafeBufferPointer { all in
            for (index, span) in spans.enumerated() {
                let text = Array(UnsafeBufferPointer(rebasing: all[span.range]))
                if span.count > configuration.input.maxParagraphBytes {
                    paragraphs.append(
                        AnalyzedParagraph(
                            index: index, span: span, text: text,
                            fingerprint: ParagraphFingerprint(exactKey: Hash128(high: 0, low: 0), significantCharacters: 0),
                            isOversized: true))
                    continue
                }
                let fingerprint = fingerprinter.fingerprint(text)
                paragraphs.append(
                    AnalyzedParagraph(index: index, span: span, text: text, fingerprint: fingerprint))
            }
        }
        return AnalyzedDocument(id: id, decoded: decoded, paragraphs: paragraphs)
    }
}
