/// Normalization alone, without duplicate removal (`dedup normalize`): decode → split into
/// paragraphs → per-paragraph normalization → rejoin cut paragraphs → balance quotes → join with
/// one blank line and a final newline. The same steps and order as `dedup clean`, minus detection.
///
/// A value per worker (the paragraph normalizer reuses a scratch buffer); pure given its options.
public struct TextNormalizer: Sendable {
    public let options: NormalizationOptions
    private let decoder = UTF8InputDecoder()
    private let splitter = ParagraphSplitter()
    private var normalizer: ParagraphNormalizer
    private let finisher: ParagraphFinisher

    public init(options: NormalizationOptions) {
        self.options = options
        self.normalizer = ParagraphNormalizer(options: options)
        self.finisher = ParagraphFinisher(options: options)
    }

    public struct Result: Sendable {
        /// The normalized text (UTF-8).
        public var output: [UInt8]
        public var decoded: DecodedText
        public var repairs: [ParagraphRepair]
        public var counts: NormalizationCounts
        public var paragraphsIn: Int
        public var paragraphsOut: Int
    }

    /// Normalizes raw bytes read from a document.
    /// - Complexity: O(n) in the input size (plus the quote repairs, see `QuoteBalancer`).
    public mutating func normalize(_ raw: [UInt8]) -> Result {
        normalize(decoded: decoder.decode(raw))
    }

    public mutating func normalize(decoded: DecodedText) -> Result {
        var counts = NormalizationCounts()
        let spans = splitter.split(decoded.bytes)
        var kept: [CutParagraphRejoiner.Input] = []
        kept.reserveCapacity(spans.count)
        decoded.bytes.withUnsafeBufferPointer { all in
            for (index, span) in spans.enumerated() {
                kept.append((index, normalizer.normalize(UnsafeBufferPointer(rebasing: all[span.range]), counts: &counts)))
            }
        }
        let finished = finisher.finish(kept)
        counts += finished.counts
        let output = CleanedTextAssembler.join(finished.paragraphs.map(\.text), capacity: decoded.bytes.count + 64)
        return Result(
            output: output, decoded: decoded, repairs: finished.repairs, counts: counts,
            paragraphsIn: spans.count, paragraphsOut: finished.paragraphs.count)
    }
}
