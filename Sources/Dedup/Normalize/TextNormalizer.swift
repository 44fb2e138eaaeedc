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
    ///
    /// Paragraphs that need nothing after the per-paragraph step (most) go from the normalizer's
    /// buffer straight into the output piece: no allocation per paragraph (`ParagraphFinisher.Stream`).
    public mutating func normalize(
        decoded: DecodedText, chunkBytes: Int, write: (UnsafeBufferPointer<UInt8>) -> Void
    ) -> Result {
        var counts = NormalizationCounts()
        let spans = splitter.split(decoded.bytes)
        var sink = OutputPieces()
        sink.bytes.reserveCapacity(chunkBytes < Int.max ? chunkBytes + 4096 : decoded.bytes.count + decoded.bytes.count / 8 + 64)
        var normalizer = self.normalizer
        var stream = finisher.makeStream()
        decoded.bytes.withUnsafeBufferPointer { all in
            for index in spans.indices {
                normalizer.withNormalized(UnsafeBufferPointer(rebasing: all[spans[index].range]), counts: &counts) {
                    stream.push(index: index, text: $0, shape: $1, into: &sink)
                }
                if sink.bytes.count >= chunkBytes {
                    sink.bytes.withUnsafeBufferPointer { write($0) }
                    sink.bytes.removeAll(keepingCapacity: true)
                }
            }
        }
        let (repairs, after) = stream.end(into: &sink)
        self.normalizer = normalizer
        if sink.paragraphs > 0 { sink.bytes.append(0x0A) }
        if !sink.bytes.isEmpty { sink.bytes.withUnsafeBufferPointer { write($0) } }
        let paragraphsOut = sink.paragraphs
        counts += after
        return Result(
            output: [], decoded: decoded, repairs: repairs, counts: counts,
            paragraphsIn: spans.count, paragraphsOut: paragraphsOut)
    }
}

/// The output being built: paragraphs separated by one blank line (the final newline is added
/// by the caller).
private struct OutputPieces: FinishedParagraphSink {
    var bytes: [UInt8] = []
    var paragraphs = 0

    mutating func take(_ text: UnsafeBufferPointer<UInt8>, firstParagraph: Int, joinedSegments: [FinishedParagraph.Segment]) {
        if paragraphs > 0 {
            bytes.append(0x0A)
            bytes.append(0x0A)
        }
        bytes.append(contentsOf: text)
        paragraphs += 1
    }
}
