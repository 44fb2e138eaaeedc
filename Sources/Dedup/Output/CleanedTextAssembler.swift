/// Applies a `RemovalPlan` to an analyzed document: the kept paragraphs, in order, separated by one
/// blank line, with a final newline (an empty document stays empty). Before writing, the kept
/// paragraphs go through the after-plan normalization steps (`ParagraphFinisher`: cut paragraphs
/// rejoined, quotes balanced), so one output paragraph may hold several input paragraphs.
public struct CleanedTextAssembler: Sendable {
    private let finisher: ParagraphFinisher

    /// - Parameter options: which after-plan steps run (`rejoin`, `quotes`); `.none` writes the
    ///   kept paragraphs as they are.
    public init(options: NormalizationOptions = .none) {
        self.finisher = ParagraphFinisher(options: options)
    }

    /// The cleaned text with the quote repairs made and the after-plan counts.
    public struct Assembled: Sendable {
        public var output: [UInt8]
        public var repairs: [ParagraphRepair]
        public var counts: NormalizationCounts
        public var paragraphCount: Int
    }

    /// - Complexity: O(n) in the output size.
    public func assemble(_ document: AnalyzedDocument, plan: RemovalPlan) -> [UInt8] {
        assembleWithRepairs(document, plan: plan).output
    }

    /// Like `assemble`, also returning the quote repairs and counts for the report.
    ///
    /// The kept paragraphs stream through the finisher straight from the document (no copy of a
    /// paragraph, no re-measuring: each carries the shape its normalization measured) into one
    /// output buffer (`JoiningSink`), then the final newline.
    public func assembleWithRepairs(_ document: AnalyzedDocument, plan: RemovalPlan) -> Assembled {
        let removed = plan.removedParagraphs
        var sink = JoiningSink()
        sink.output.reserveCapacity(document.decoded.bytes.count)
        var stream = finisher.makeStream()
        document.paragraphs.withUnsafeBufferPointer { paragraphs in
            for position in paragraphs.indices where !removed.contains(paragraphs[position].index) {
                paragraphs[position].text.withUnsafeBufferPointer {
                    stream.push(index: paragraphs[position].index, text: $0, shape: paragraphs[position].shape, into: &sink)
                }
            }
        }
        let (repairs, counts) = stream.end(into: &sink)
        if !sink.output.isEmpty { sink.output.append(0x0A) }
        return Assembled(output: sink.output, repairs: repairs, counts: counts, paragraphCount: sink.paragraphs)
    }

    /// Lays finished paragraphs out separated by one blank line (the final newline is added once
    /// all are in). Two appends, not an array literal: that was a heap allocation per paragraph.
    struct JoiningSink: FinishedParagraphSink {
        var output: [UInt8] = []
        var paragraphs = 0

        mutating func take(_ text: UnsafeBufferPointer<UInt8>, firstParagraph: Int, joinedSegments: [FinishedParagraph.Segment]) {
            if !output.isEmpty { output.append(0x0A); output.append(0x0A) }
            output.append(contentsOf: text)
            paragraphs += 1
        }
    }
}
