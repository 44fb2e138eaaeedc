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
        self.rejoiner = CutParagraphRejoiner(minimumCharacters: options.rejoinMinCharacters)
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
        var pending: Part? = nil
        var pendingLast = -2
        // A rejoined paragraph is normalized again as a whole: pairs and context punctuation may
        // span the join, and normalizing the output again must find nothing left to do.
        var normalizer = ParagraphNormalizer(options: options)

        func record(_ made: [QuoteRepair], in paragraph: FinishedParagraph) {
            for repair in made {
                let place = paragraph.location(ofByte: repair.byteOffset)
                repairs.append(ParagraphRepair(paragraph: place.paragraph, character: place.character, repair: repair))
            }
        }

        func flush() {
            guard var part = pending else { return }
            let balanced = part.balanced(by: options.quotes ? balancer : nil)
            record(balanced.repairs, in: part.paragraph)
            if !balanced.repairs.isEmpty {
                part.paragraph.text = balanced.text
                part.paragraph.joinedSegments = shifted(part.paragraph.joinedSegments, by: balanced.repairs)
            }
            // A paragraph that was only stray marks is gone, not an empty paragraph.
            if !part.paragraph.text.isEmpty { emit(part.paragraph) }
            pending = nil
        }

        while let input = next() {
            var part = Part(
                paragraph: FinishedParagraph(text: input.text, paragraph: input.index),
                shape: input.shape)
            var balancedInput = part.balanced(by: options.quotes ? balancer : nil)
            // A paragraph of nothing but stray marks disappears when balanced. It is dropped before
            // any join decision, so its neighbours count as adjacent now, as they will when the
            // output is normalized again.
            if balancedInput.text.isEmpty {
                record(balancedInput.repairs, in: part.paragraph)
                pendingLast = input.index
                continue
            }
            // Join decisions look at both parts as the balancer will leave them, which is what a
            // second run sees if they stay apart: so it decides the same.
            if options.rejoin, var joined = pending {
                var first = joined.balanced(by: options.quotes ? balancer : nil)
                // Measured at most once per paragraph: the measured shapes are cached below.
                var join = false
                if rejoiner.mightJoin(
                    lastIndex: pendingLast, first.shape, nextIndex: input.index, balancedInput.shape, balancedInput.text)
                {
                    if !first.shape.isMeasured { first.shape = ParagraphShape(of: first.text) }
                    if rejoiner.isCut(first.shape) {
                        if !balancedInput.shape.isMeasured { balancedInput.shape = ParagraphShape(of: balancedInput.text) }
                        join = rejoiner.continues(balancedInput.shape)
                    }
                }
                if join {
                    pending = nil  // unique reference: the appends below do not copy
                    var text = joined.paragraph.text
                    switch rejoiner.separator(text, joined.shape, input.text, input.shape) {
                    case .dropHyphen: text.removeLast()
                    case .space: text.append(0x20)
                    case .none: break
                    }
                    var segments = joined.paragraph.joinedSegments
                    segments.append(.init(paragraph: input.index, byteOffset: text.count))
                    text.append(contentsOf: input.text)
                    var changes = NormalizationCounts()
                    let (normalized, shape) = normalizer.normalizeWithShape(text, counts: &changes)
                    if normalized != text {
                        // Changes near the join move the later parts' starts; they are placed by the
                        // length change (exact when all changes lie before them; used for report offsets).
                        let delta = normalized.count - text.count
                        for k in segments.indices {
                            var offset = min(max(segments[k].byteOffset + delta, 0), normalized.count)
                            while offset > 0 && offset < normalized.count && normalized[offset] & 0xC0 == 0x80 { offset -= 1 }
                            segments[k].byteOffset = offset
                        }
                        counts += changes
                    }
                    var paragraph = FinishedParagraph(text: normalized, paragraph: joined.paragraph.firstParagraph)
                    paragraph.joinedSegments = segments
                    joined = Part(paragraph: paragraph, shape: shape)
                    pending = joined
                    pendingLast = input.index
                    counts.paragraphsRejoined += 1
                    continue
                }
                pending!.cache(first)  // safe: `pending` is `joined`, non-nil here
            }
            flush()
            part.cache(balancedInput)
            pending = part
            pendingLast = input.index
        }
        flush()
        counts.quoteRepairs = repairs.count
        return (repairs, counts)
    }

    /// A paragraph on its way out, with its balanced form once computed.
    struct Part {
        var paragraph: FinishedParagraph
        var shape: ParagraphShape
        private var balancedCache: Balanced? = nil

        init(paragraph: FinishedParagraph, shape: ParagraphShape) {
            self.paragraph = paragraph
            self.shape = shape
        }

        struct Balanced {
            var text: [UInt8]
            var repairs: [QuoteRepair]
            var shape: ParagraphShape
        }

        /// The text as the balancer leaves it (the text itself when there is no balancer or mark).
        func balanced(by balancer: QuoteBalancer?) -> Balanced {
            if let balancedCache { return balancedCache }
            guard let balancer, shape.pairMarks > 0 else { return Balanced(text: paragraph.text, repairs: [], shape: shape) }
            let (text, made) = balancer.balance(paragraph.text)
            return Balanced(text: text, repairs: made, shape: made.isEmpty ? shape : ParagraphShape(of: text))
        }

        mutating func cache(_ balanced: Balanced) { balancedCache = balanced }
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
