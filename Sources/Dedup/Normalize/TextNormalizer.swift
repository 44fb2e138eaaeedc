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
        var output: [UInt8] = []
        output.reserveCapacity(decoded.bytes.count + decoded.bytes.count / 8 + 64)
        var result = normalize(decoded: decoded, chunkBytes: Int.max) { output.append(contentsOf: $0) }
        result.output = output
        return result
    }

    /// Like `normalize(decoded:)`, handing the output to `write` in pieces of about `chunkBytes`
    /// instead of building it whole (for standard output: less memory, no large buffer to fault
    /// in). The result's `output` is empty.
    public mutating func normalize(
        decoded: DecodedText, chunkBytes: Int, write: ([UInt8]) -> Void
    ) -> Result {
        var counts = NormalizationCounts()
        let spans = splitter.split(decoded.bytes)
        var chunk: [UInt8] = []
        if chunkBytes < Int.max { chunk.reserveCapacity(chunkBytes + 4096) }
        var started = false
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
                    if started { chunk.append(contentsOf: [0x0A, 0x0A]) }
                    started = true
                    chunk.append(contentsOf: paragraph.text)
                    paragraphsOut += 1
                    if chunk.count >= chunkBytes {
                        write(chunk)
                        chunk.removeAll(keepingCapacity: true)
                    }
                })
        }
        self.normalizer = normalizer
        if started { chunk.append(0x0A) }
        if !chunk.isEmpty { write(chunk) }
        counts += after
        return Result(
            output: [], decoded: decoded, repairs: repairs, counts: counts,
            paragraphsIn: spans.count, paragraphsOut: paragraphsOut)
    }
}
