/// Applies a `RemovalPlan` to an analyzed document: the kept paragraphs, in order, separated by one
/// blank line, with a final newline (an empty document stays empty). Before writing, the kept
/// paragraphs go through the after-plan normalization steps (`ParagraphFinisher`: cut paragraphs
/// rejoined, quotes balanced), so one output paragraph may hold several input paragraphs.
///
/// A kept paragraph the analyzer left as read (`AnalyzedParagraph.isNormalized` false) is
/// normalized here first, with the document's `lateNormalization` options: only the paragraphs
/// written are normalized. A value per worker: it reuses the normalizer's buffers.
public struct CleanedTextAssembler: Sendable {
    private let finisher: ParagraphFinisher
    /// For paragraphs left as read; made on first need, for the options the document names.
    private var normalizer: ParagraphNormalizer?
    /// Seconds spent normalizing paragraphs left as read, for the per-stage timers.
    public private(set) var secondsNormalizing = 0.0
    /// Scratch reused from document to document: the positions of the kept paragraphs, and what
    /// `normalizeLate` made of those left as read.
    private var keptPositions: [Int] = []
    private var late: [LateParagraph] = []
    private var lateText: [UInt8] = []

    /// - Parameter options: which after-plan steps run (`rejoin`, `quotes`); `.none` writes the
    ///   kept paragraphs as they are (after the per-paragraph normalization a paragraph left as
    ///   read still gets).
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
    public mutating func assemble(_ document: AnalyzedDocument, plan: RemovalPlan) -> [UInt8] {
        assembleWithRepairs(document, plan: plan).output
    }

    /// Like `assemble`, also returning the quote repairs and the normalization counts of the
    /// paragraphs written, for the report.
    ///
    /// The kept paragraphs stream through the finisher straight from the document (no copy of a
    /// paragraph, no re-measuring: each carries the shape its normalization measured) into one
    /// output buffer (`JoiningSink`), then the final newline; a paragraph left as read goes
    /// through the normalizer's buffer on its way.
    public mutating func assembleWithRepairs(_ document: AnalyzedDocument, plan: RemovalPlan) -> Assembled {
        let removed = plan.removedParagraphs
        keptPositions.removeAll(keepingCapacity: true)
        document.paragraphs.withUnsafeBufferPointer { paragraphs in
            for position in paragraphs.indices where !removed.contains(paragraphs[position].index) {
                keptPositions.append(position)
            }
        }
        var counts = NormalizationCounts()
        normalizeLate(document, counts: &counts)
        var sink = JoiningSink()
        sink.output.reserveCapacity(document.decoded.bytes.count + document.decoded.bytes.count / 8)
        var stream = finisher.makeStream()
        let early = document.earlyNormalization
        var nextEarly = 0
        var nextLate = 0
        lateText.withUnsafeBufferPointer { lateText in
            document.paragraphs.withUnsafeBufferPointer { paragraphs in
                for position in keptPositions {
                    let index = paragraphs[position].index
                    if !paragraphs[position].isNormalized && nextLate < late.count && late[nextLate].position == position {
                        let normalized = late[nextLate]
                        nextLate += 1
                        if let range = normalized.range {
                            stream.push(index: index, text: UnsafeBufferPointer(rebasing: lateText[range]), shape: normalized.shape, into: &sink)
                        } else {
                            paragraphs[position].text.withUnsafeBufferPointer {
                                stream.push(index: index, text: $0, shape: normalized.shape, into: &sink)
                            }
                        }
                        continue
                    }
                    while nextEarly < early.count && early[nextEarly].position < position { nextEarly += 1 }
                    if nextEarly < early.count && early[nextEarly].position == position { counts += early[nextEarly].counts }
                    paragraphs[position].text.withUnsafeBufferPointer {
                        stream.push(index: index, text: $0, shape: paragraphs[position].shape, into: &sink)
                    }
                }
            }
        }
        let (repairs, finished) = stream.end(into: &sink)
        counts += finished
        if !sink.output.isEmpty { sink.output.append(0x0A) }
        return Assembled(output: sink.output, repairs: repairs, counts: counts, paragraphCount: sink.paragraphs)
    }

    /// Normalizes the kept paragraphs (`keptPositions`) of `document` left as read, in one timed pass: their text
    /// goes to `lateText` (nil range: unchanged, the paragraph's own text), their shapes and
    /// positions to `late`.
    private mutating func normalizeLate(_ document: AnalyzedDocument, counts: inout NormalizationCounts) {
        late.removeAll(keepingCapacity: true)
        lateText.removeAll(keepingCapacity: true)
        guard let options = document.lateNormalization else { return }
        if normalizer?.options != options { normalizer = ParagraphNormalizer(options: options) }
        guard var normalizer else { return }  // set above
        self.normalizer = nil  // taken out for the loop, so its buffers are never shared
        let started = ContinuousClock.now
        document.paragraphs.withUnsafeBufferPointer { paragraphs in
            for position in keptPositions where !paragraphs[position].isNormalized {
                paragraphs[position].text.withUnsafeBufferPointer { source in
                    normalizer.withNormalized(source, counts: &counts) { text, shape in
                        if text.baseAddress == source.baseAddress && text.count == source.count {
                            late.append(LateParagraph(position: position, range: nil, shape: shape))
                        } else {
                            let start = lateText.count
                            lateText.append(contentsOf: text)
                            late.append(LateParagraph(position: position, range: start..<lateText.count, shape: shape))
                        }
                    }
                }
            }
        }
        secondsNormalizing += StageTimings.seconds(ContinuousClock.now - started)
        self.normalizer = normalizer
    }

    /// A kept paragraph normalized by `normalizeLate`.
    private struct LateParagraph: Sendable {
        var position: Int
        /// Its text in `lateText`; nil when normalization left it unchanged.
        var range: Range<Int>?
        var shape: ParagraphShape
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
