/// Decoded text → paragraphs → normalized text (`ParagraphNormalizer`) → fingerprints. Pure for a given configuration, so
/// documents can be analyzed on any thread in any order; keep one analyzer per worker (it reuses
/// scratch buffers).
public struct DocumentAnalyzer: Sendable {
    public let configuration: DedupConfiguration
    private let splitter = ParagraphSplitter()
    private var fingerprinter: ParagraphFingerprinter
    private var normalizer: ParagraphNormalizer

    public init(configuration: DedupConfiguration) {
        self.configuration = configuration
        self.fingerprinter = ParagraphFingerprinter(configuration: configuration)
        self.normalizer = ParagraphNormalizer(options: configuration.normalization)
    }

    public mutating func analyze(_ decoded: DecodedText, id: DocumentID) -> AnalyzedDocument {
        let spans = splitter.split(decoded.bytes)
        var paragraphs: [AnalyzedParagraph] = []
        paragraphs.reserveCapacity(spans.count)
        var counts = NormalizationCounts()
        decoded.bytes.withUnsafeBufferPointer { all in
            for (index, span) in spans.enumerated() {
                // The match key is computed from the normalized text (see ParagraphNormalizer).
                let text = normalizer.normalize(UnsafeBufferPointer(rebasing: all[span.range]), counts: &counts)
                let fingerprint = fingerprinter.fingerprint(text)
                paragraphs.append(
                    AnalyzedParagraph(index: index, span: span, text: text, fingerprint: fingerprint))
            }
        }
        return AnalyzedDocument(id: id, decoded: decoded, paragraphs: paragraphs, normalization: counts)
    }
}
