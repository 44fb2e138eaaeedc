/// Decoded text → paragraphs → normalized text (`ParagraphNormalizer`) → fingerprints. Pure for a given configuration, so
/// documents can be analyzed on any thread in any order; keep one analyzer per worker (it reuses
/// scratch buffers).
///
/// A paragraph whose match key already occurred in the document shares the first occurrence's
/// sketch (arrays are copy-on-write, so no copy either): scraped text repeats whole paragraphs
/// often — a third of the news-like corpus — and the sketch is the costliest part of a
/// fingerprint.
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
        /// Exact key → the first paragraph (position in `paragraphs`) with that key.
        var firstWithKey = Hash128Map<Int>()
        decoded.bytes.withUnsafeBufferPointer { all in
            for (index, span) in spans.enumerated() {
                if span.count > configuration.input.maxParagraphBytes {
                    // Too large to check: passed through exactly as read, never normalized,
                    // fingerprinted or removed.
                    paragraphs.append(
                        AnalyzedParagraph(
                            index: index, span: span, text: Array(UnsafeBufferPointer(rebasing: all[span.range])),
                            fingerprint: ParagraphFingerprint(
                                exactKey: Hash128(high: 0, low: 0), significantCharacters: 0,
                                sketch: SimilaritySketch(shingles: ShingleSet(sortedUnique: []), bandKeys: [], anchors: [])),
                            isOversized: true))
                    continue
                }
                // The match key is computed from the normalized text (see ParagraphNormalizer).
                let text = normalizer.normalize(UnsafeBufferPointer(rebasing: all[span.range]), counts: &counts)
                let fingerprint = text.withUnsafeBufferPointer { text in
                    fingerprinter.fingerprint(text) { key in
                        firstWithKey.lookup(key).map { paragraphs[$0].fingerprint.sketch }
                    }
                }
                firstWithKey.insertIfAbsent(fingerprint.exactKey, paragraphs.count)
                paragraphs.append(
                    AnalyzedParagraph(index: index, span: span, text: text, fingerprint: fingerprint))
            }
        }
        return AnalyzedDocument(id: id, decoded: decoded, paragraphs: paragraphs, normalization: counts)
    }
}
