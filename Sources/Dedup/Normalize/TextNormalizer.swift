/// Normalization alone, without duplicate removal (`dedup normalize`): decode → split into
/// paragraphs → per-paragraph normalization → rejoin cut paragraphs → balance quotes → join with
/// one blank line and a final newline. The same steps and order as `dedup clean`, minus detection.
/// Paragraphs stream through the steps into one output buffer.
///
/// A value per worker (the paragraph normalizer reuses its buffers); pure given its options.
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
        var output: [UInt8] = []
        output.reserveCapacity(decoded.bytes.count + decoded.bytes.count / 8 + 64)
        var paragraphsOut = 0
        var normalizer = self.normalizer
        let finisher = self.finisher
        let (repairs, after) = decoded.bytes.withUnsafeBufferPointer { all in
            var next = 0
            return finisher.stream(
                next: {
                    guard next < spans.count else { return nil }
                    let index = next
                    next += 1
                    let (text, shape) = normalizer.normalizeWithShape(
                        UnsafeBufferPointer(rebasing: all[spans[index].range]), counts: &counts)
                    return ParagraphFinisher.Input(index: index, text: text, shape: shape)
                },
                emit: { paragraph in
                    if !output.isEmpty { output.append(contentsOf: [0x0A, 0x0A]) }
                    output.append(contentsOf: paragraph.text)
                    paragraphsOut += 1
                })
        }
        self.normalizer = normalizer
        if !output.isEmpty { output.append(0x0A) }
        counts += after
        return Result(
            output: output, decoded: decoded, repairs: repairs, counts: counts,
            paragraphsIn: spans.count, paragraphsOut: paragraphsOut)
    }
}
