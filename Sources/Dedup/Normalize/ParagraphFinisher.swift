/// The normalization steps that run on the final paragraphs, after the removal plan: cut
/// paragraphs are rejoined (`CutParagraphRejoiner`), then quotes and brackets are balanced and
/// nested (`QuoteBalancer`). The order matters: a cut `建设“智` is only balanced once its
/// continuation `慧物流…工作站”` is back, and a repeated fragment must be found before joining.
///
/// Paragraphs stream through: each is finished as soon as the next one shows it is not cut, so
/// memory stays at one pending paragraph.
public struct ParagraphFinisher: Sendable {
    public let options: NormalizationOptions
    public let rejoiner: CutParagraphRejoiner
    private let balancer = QuoteBalancer()

    public init(options: NormalizationOptions) {
        self.options = options
        self.rejoiner = CutParagraphRejoiner(
            minimumCharacters: options.rejoinMinCharacters, balancer: options.quotes ? QuoteBalancer() : nil)
    }

    /// One kept paragraph: its input index, normalized text and that text's shape.
    public struct Input: Sendable {
        public var index: Int
        public var text: [UInt8]
        public var shape: ParagraphShape

        public init(index: Int, text: [UInt8], shape: ParagraphShape) {
            self.index = index
            self.text = text
            self.shape = shape
        }

        /// Measures the shape itself.
        public init(index: Int, text: [UInt8]) {
            self.init(index: index, text: text, shape: ParagraphShape(of: text))
        }
    }

    /// The finished paragraphs of one document.
    public struct Result: Sendable, Equatable {
        public var paragraphs: [FinishedParagraph]
        public var repairs: [ParagraphRepair]
        /// `paragraphsRejoined` and `quoteRepairs`; the per-paragraph kinds stay zero here.
        public var counts: NormalizationCounts
    }

    /// - Parameter kept: the kept paragraphs in input order.
    /// - Complexity: O(n) in the total length for paragraphs that need no quote repair.
    public func finish(_ kept: [Input]) -> Result {
        var paragraphs: [FinishedParagraph] = []
        paragraphs.reserveCapacity(kept.count)
        var iterator = kept.makeIterator()
        let (repairs, counts) = stream(next: { iterator.next() }, emit: { paragraphs.append($0) })
        return Result(paragraphs: paragraphs, repairs: repairs, counts: counts)
    }

    /// The streaming form: pulls paragraphs from `next` until it returns nil and hands each
    /// finished paragraph to `emit`, in order.
    public func stream(
        next: () -> Input?, emit: (FinishedParagraph) -> Void
    ) -> (repairs: [ParagraphRepair], counts: NormalizationCounts) {
        var counts = NormalizationCounts()
        var repairs: [ParagraphRepair] = []
        var pending: FinishedParagraph? = nil
        var pendingShape = ParagraphShape(of: [])
        var pendingLast = -2
        // A rejoined paragraph is normalized again as a whole: pairs and context punctuation may
        // span the join, and normalizing the output again must find nothing left to do.
        var normalizer = ParagraphNormalizer(options: options)

        func flush() {
            guard var paragraph = pending else { return }
            if options.quotes && pendingShape.pairMarks > 0 {
                let (text, made) = balancer.balance(paragraph.text)
                if !made.isEmpty {
                    for repair in made {
                        let place = paragraph.location(ofByte: repair.byteOffset)
                        repairs.append(ParagraphRepair(paragraph: place.paragraph, character: place.character, repair: repair))
                    }
                    paragraph = FinishedParagraph(text: text, segments: shifted(paragraph.segments, by: made))
                }
            }
            // A paragraph that was only a stray mark is gone, not an empty paragraph.
            if !paragraph.text.isEmpty { emit(paragraph) }
            pending = nil
        }

        while let input = next() {
            // A paragraph of nothing but stray marks disappears when balanced. It is dropped here,
            // before any join decision, so its neighbours count as adjacent now, as they will when
            // the output is normalized again. (It cannot continue a cut paragraph: no letters.)
            if options.quotes && input.shape.pairMarks > 0 && !rejoiner.startsWithLetterOrNumber(input.shape) {
                let (text, made) = balancer.balance(input.text)
                if text.isEmpty {
                    let alone = FinishedParagraph(text: input.text, segments: [.init(paragraph: input.index, byteOffset: 0)])
                    for repair in made {
                        let place = alone.location(ofByte: repair.byteOffset)
                        repairs.append(ParagraphRepair(paragraph: place.paragraph, character: place.character, repair: repair))
                    }
                    pendingLast = input.index
                    continue
                }
            }
            if options.rejoin, var joined = pending,
                rejoiner.joins(
                    lastIndex: pendingLast, pendingShape, joined.text, nextIndex: input.index, input.shape, input.text)
            {
                pending = nil  // unique reference: the append below does not copy
                switch rejoiner.separator(joined.text, pendingShape, input.text, input.shape) {
                case .dropHyphen: joined.text.removeLast()
                case .space: joined.text.append(0x20)
                case .none: break
                }
                joined.segments.append(.init(paragraph: input.index, byteOffset: joined.text.count))
                joined.text.append(contentsOf: input.text)
                var changes = NormalizationCounts()
                let (text, shape) = normalizer.normalizeWithShape(joined.text, counts: &changes)
                if text != joined.text {
                    // Changes near the join move the later parts' starts; they are placed by the
                    // length change (exact when all changes lie before them, used for report offsets).
                    let delta = text.count - joined.text.count
                    for k in joined.segments.indices.dropFirst() {
                        var offset = min(max(joined.segments[k].byteOffset + delta, 0), text.count)
                        while offset > 0 && offset < text.count && text[offset] & 0xC0 == 0x80 { offset -= 1 }
                        joined.segments[k].byteOffset = offset
                    }
                    joined.text = text
                    counts += changes
                }
                pending = joined
                pendingShape = shape
                counts.paragraphsRejoined += 1
            } else {
                flush()
                pending = FinishedParagraph(text: input.text, segments: [.init(paragraph: input.index, byteOffset: 0)])
                pendingShape = input.shape
            }
            pendingLast = input.index
        }
        flush()
        counts.quoteRepairs = repairs.count
        return (repairs, counts)
    }

    /// Segment offsets after the repairs' insertions and removals (each mark is 3 bytes).
    private func shifted(_ segments: [FinishedParagraph.Segment], by repairs: [QuoteRepair]) -> [FinishedParagraph.Segment] {
        segments.map { segment in
            guard segment.byteOffset > 0 else { return segment }
            var delta = 0
            for repair in repairs where repair.byteOffset < segment.byteOffset || (repair.byteOffset == 0 && repair.action == .inserted) {
                switch repair.action {
                case .removed: delta -= 3
                case .inserted: delta += 3
                case .replaced: break
                }
            }
            var moved = segment
            moved.byteOffset += delta
            return moved
        }
    }
}
