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
    fileprivate let balancer = QuoteBalancer()

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
        var stream = makeStream()
        var sink = Collector()
        sink.paragraphs.reserveCapacity(kept.count)
        for input in kept {
            input.text.withUnsafeBufferPointer { stream.push(index: input.index, text: $0, shape: input.shape, into: &sink) }
        }
        let (repairs, counts) = stream.end(into: &sink)
        paragraphs = sink.paragraphs
        return Result(paragraphs: paragraphs, repairs: repairs, counts: counts)
    }

    /// A stream that finishes paragraphs pushed in input order (see `Stream`).
    public func makeStream() -> Stream { Stream(finisher: self) }

    /// Collects finished paragraphs as values (`finish`).
    struct Collector: FinishedParagraphSink {
        var paragraphs: [FinishedParagraph] = []

        mutating func take(_ text: UnsafeBufferPointer<UInt8>, firstParagraph: Int, joinedSegments: [FinishedParagraph.Segment]) {
            var paragraph = FinishedParagraph(text: Array(text), paragraph: firstParagraph)
            paragraph.joinedSegments = joinedSegments
            paragraphs.append(paragraph)
        }
    }

    /// The streaming form: push the kept paragraphs in input order, then call `end`; each finished
    /// paragraph goes to the sink, in order, as soon as it is known.
    ///
    /// Fast path: a paragraph the balancer would leave as it is ("settled") is never copied into
    /// an array of its own. If it cannot start a join (it does not end mid-sentence, or rejoining
    /// is off) it goes to the sink straight from the caller's buffer once the join test with the
    /// paragraph before it has failed; otherwise it is held in one reused buffer until the next
    /// paragraph shows whether it continues. Every other paragraph, and a held one that does get
    /// joined, takes the general path (copied, held as a pending `Part`). Both paths make the same
    /// decisions: a settled paragraph's balanced form is itself.
    public struct Stream {
        let finisher: ParagraphFinisher
        private var counts = NormalizationCounts()
        private var repairs: [ParagraphRepair] = []
        /// The general path's paragraph waiting for the next one (at most one of this and `held`).
        private var pending: Part? = nil
        /// A settled paragraph waiting for the next one; its text is `heldText`.
        private var held: (index: Int, shape: ParagraphShape)? = nil
        private var heldText: [UInt8] = []
        private var pendingLast = -2
        // A rejoined paragraph is normalized again as a whole: pairs and context punctuation may
        // span the join, and normalizing the output again must find nothing left to do.
        private var normalizer: ParagraphNormalizer

        /// True when `text` holds nothing a reader can see (the splitter's blank lines only).
        static func isBlank(_ text: [UInt8]) -> Bool {
            text.withUnsafeBufferPointer { ParagraphSplitter().isBlank($0) }
        }

        init(finisher: ParagraphFinisher) {
            self.finisher = finisher
            self.normalizer = ParagraphNormalizer(options: finisher.options)
        }

        private var options: NormalizationOptions { finisher.options }
        private var rejoiner: CutParagraphRejoiner { finisher.rejoiner }
        private var balancer: QuoteBalancer? { finisher.options.quotes ? finisher.balancer : nil }

        /// Takes the next kept paragraph: its input index, normalized text and that text's shape.
        /// - Complexity: O(n) in its length for a paragraph that needs no quote repair.
        public mutating func push<Sink: FinishedParagraphSink>(
            index: Int, text: UnsafeBufferPointer<UInt8>, shape: ParagraphShape, into sink: inout Sink
        ) {
            let settled = !text.isEmpty && (balancer == nil || shape.pairMarks == 0 || shape.isBalanced)
            guard settled else {
                promoteHeld()
                pushGeneral(Input(index: index, text: Array(text), shape: shape), into: &sink)
                return
            }
            if options.rejoin {
                if pending != nil, joinsPending(index: index, text: text, shape: shape) {
                    pushGeneral(Input(index: index, text: Array(text), shape: shape), into: &sink)
                    return
                }
                if held != nil, joinsHeld(index: index, text: text, shape: shape) {
                    promoteHeld()
                    pushGeneral(Input(index: index, text: Array(text), shape: shape), into: &sink)
                    return
                }
            }
            flush(into: &sink)
            if options.rejoin && rejoiner.endsMidSentence(shape.lastCategory) {
                heldText.removeAll(keepingCapacity: true)
                heldText.append(contentsOf: text)
                held = (index, shape)
            } else {
                sink.take(text, firstParagraph: index, joinedSegments: [])
            }
            pendingLast = index
        }

        /// Finishes the last pending paragraph.
        /// - Returns: the quote repairs made and the after-plan counts (`paragraphsRejoined`,
        ///   `quoteRepairs`, and what normalizing rejoined paragraphs again changed).
        public mutating func end<Sink: FinishedParagraphSink>(into sink: inout Sink) -> (repairs: [ParagraphRepair], counts: NormalizationCounts) {
            flush(into: &sink)
            counts.quoteRepairs = repairs.count
            return (repairs, counts)
        }

        /// The join decision of `pushGeneral` for a settled paragraph (its balanced form is
        /// itself). Caches the pending paragraph's balanced, measured form as `pushGeneral` does.
        private mutating func joinsPending(index: Int, text: UnsafeBufferPointer<UInt8>, shape: ParagraphShape) -> Bool {
            guard let joined = pending else { return false }
            var first = joined.balanced(by: balancer, normalizer: &normalizer)
            var join = false
            if rejoiner.mightJoin(lastIndex: pendingLast, first.shape, nextIndex: index, shape, text) {
                if !first.shape.isMeasured { first.shape = ParagraphShape(of: first.text) }
                if rejoiner.isCut(first.shape) {
                    let next = shape.isMeasured ? shape : ParagraphShape(of: text)
                    join = rejoiner.continues(next) && rejoiner.fits(first.shape, first.text, next, text)
                }
            }
            pending!.cache(first)  // safe: `pending` is `joined`, non-nil here
            return join
        }

        /// The join decision of `pushGeneral` for the held paragraph followed by a settled one.
        private mutating func joinsHeld(index: Int, text: UnsafeBufferPointer<UInt8>, shape: ParagraphShape) -> Bool {
            guard var first = held?.shape else { return false }
            // A cut part has at least `minimumCharacters` letters, so at least as many bytes.
            guard heldText.count >= rejoiner.minimumCharacters else { return false }
            guard rejoiner.mightJoin(lastIndex: pendingLast, first, nextIndex: index, shape, text) else { return false }
            if !first.isMeasured {
                // `isCut` needs a pause mark after the last sentence end: found from the end,
                // usually within a few characters, before measuring the whole paragraph.
                guard heldText.withUnsafeBufferPointer({ rejoiner.hasTailPause($0) }) else { return false }
                first = heldText.withUnsafeBufferPointer { ParagraphShape(of: $0) }
                held!.shape = first  // safe: `held` is non-nil (guarded above)
            }
            guard rejoiner.isCut(first) else { return false }
            let next = shape.isMeasured ? shape : ParagraphShape(of: text)
            return rejoiner.continues(next) && rejoiner.fits(first, heldText, next, text)
        }

        /// Moves the held paragraph to the general path's `pending`.
        private mutating func promoteHeld() {
            guard let (index, shape) = held else { return }
            pending = Part(paragraph: FinishedParagraph(text: heldText, paragraph: index), shape: shape)
            held = nil
        }

        private mutating func record(_ balanced: Part.Balanced, in paragraph: FinishedParagraph) {
            counts += balanced.renormalized
            let places = paragraph.locations(ofBytes: balanced.repairs.map(\.byteOffset))
            for (repair, place) in zip(balanced.repairs, places) {
                repairs.append(ParagraphRepair(paragraph: place.paragraph, character: place.character, repair: repair))
            }
        }

        private mutating func flush<Sink: FinishedParagraphSink>(into sink: inout Sink) {
            if let (index, _) = held {
                heldText.withUnsafeBufferPointer { sink.take($0, firstParagraph: index, joinedSegments: []) }
                held = nil
                return
            }
            guard var part = pending else { return }
            let balanced = part.balanced(by: balancer, normalizer: &normalizer)
            record(balanced, in: part.paragraph)
            if !balanced.repairs.isEmpty {
                part.paragraph.text = balanced.text
                part.paragraph.joinedSegments = finisher.shifted(part.paragraph.joinedSegments, by: balanced.repairs)
            }
            // A paragraph that was only stray marks (and invisible characters) is gone, not an
            // empty paragraph.
            if !Self.isBlank(part.paragraph.text) {
                part.paragraph.text.withUnsafeBufferPointer {
                    sink.take($0, firstParagraph: part.paragraph.firstParagraph, joinedSegments: part.paragraph.joinedSegments)
                }
            }
            pending = nil
        }

        private mutating func pushGeneral<Sink: FinishedParagraphSink>(_ input: Input, into sink: inout Sink) {
            var part = Part(
                paragraph: FinishedParagraph(text: input.text, paragraph: input.index),
                shape: input.shape)
            var balancedInput = part.balanced(by: balancer, normalizer: &normalizer)
            // A paragraph of nothing but stray marks disappears when balanced. It is dropped before
            // any join decision, so its neighbours count as adjacent now, as they will when the
            // output is normalized again.
            if Self.isBlank(balancedInput.text) {
                record(balancedInput, in: part.paragraph)
                pendingLast = input.index
                return
            }
            // Join decisions look at both parts as the balancer will leave them, which is what a
            // second run sees if they stay apart: so it decides the same.
            if options.rejoin, var joined = pending {
                var first = joined.balanced(by: balancer, normalizer: &normalizer)
                // Measured at most once per paragraph: the measured shapes are cached below.
                var join = false
                if rejoiner.mightJoin(
                    lastIndex: pendingLast, first.shape, nextIndex: input.index, balancedInput.shape, balancedInput.text)
                {
                    if !first.shape.isMeasured { first.shape = ParagraphShape(of: first.text) }
                    if rejoiner.isCut(first.shape) {
                        if !balancedInput.shape.isMeasured { balancedInput.shape = ParagraphShape(of: balancedInput.text) }
                        join = rejoiner.continues(balancedInput.shape)
                            && rejoiner.fits(first.shape, first.text, balancedInput.shape, balancedInput.text)
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
                    return
                }
                pending!.cache(first)  // safe: `pending` is `joined`, non-nil here
            }
            flush(into: &sink)
            part.cache(balancedInput)
            pending = part
            pendingLast = input.index
        }
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
            /// What normalizing the repaired text again changed (see `balanced(by:normalizer:)`).
            var renormalized = NormalizationCounts()
        }

        /// Rounds of normalizing and balancing again after a repair. One is the rule; the input
        /// the fuzzer found (`Fuzz/regressions/reclean-repair-changes-bracket-context.txt`) takes two.
        static let maximumRounds = 8

        /// The text as the balancer leaves it (the text itself when there is no balancer or mark).
        ///
        /// A repair can change what normalization decides around it: removing a stray `（` puts
        /// an ASCII `(` next to a new neighbour, and the neighbour decides whether it becomes `（`
        /// (which may then be stray in turn). So a repaired text is normalized and balanced again
        /// until neither changes anything, as a second run over the output would do: cleaning the
        /// output again then finds nothing to repair. Repairs of later rounds (rare) are reported
        /// at their offset in the text of their round, clamped to the paragraph: exact when
        /// normalization changed nothing before them.
        func balanced(by balancer: QuoteBalancer?, normalizer: inout ParagraphNormalizer) -> Balanced {
            if let balancedCache { return balancedCache }
            guard let balancer, shape.pairMarks > 0, !shape.isBalanced else { return Balanced(text: paragraph.text, repairs: [], shape: shape) }
            let (text, made) = balancer.balance(paragraph.text)
            var result = Balanced(text: text, repairs: made, shape: made.isEmpty ? shape : ParagraphShape(of: text))
            var round = 1
            while !made.isEmpty && round < Self.maximumRounds {
                round += 1
                var changes = NormalizationCounts()
                let (normalized, shape) = normalizer.normalizeWithShape(result.text, counts: &changes)
                if normalized == result.text { break }
                result.renormalized += changes
                let (again, more) = balancer.balance(normalized)
                result.text = again
                result.shape = more.isEmpty ? shape : ParagraphShape(of: again)
                let limit = paragraph.text.count
                result.repairs += more.map { repair in
                    var moved = repair
                    moved.byteOffset = min(repair.byteOffset, limit)
                    return moved
                }
                if more.isEmpty { break }
            }
            return result
        }

        mutating func cache(_ balanced: Balanced) { balancedCache = balanced }
    }

    /// Segment offsets after the repairs' insertions and removals (each mark is 3 bytes).
    /// O((s + r) log r) for s segments and r repairs: by prefix sums over the repairs sorted by
    /// offset, not a walk over every repair per segment.
    fileprivate func shifted(_ segments: [FinishedParagraph.Segment], by repairs: [QuoteRepair]) -> [FinishedParagraph.Segment] {
        let moves = repairs.compactMap { repair -> (offset: Int, delta: Int)? in
            switch repair.action {
            case .removed: return (repair.byteOffset, -3)
            case .inserted: return (repair.byteOffset, 3)
            case .replaced: return nil
            }
        }.sorted { $0.offset < $1.offset }
        var before = [0]  // before[i]: the shift made by the first i moves
        before.reserveCapacity(moves.count + 1)
        for move in moves { before.append(before[before.count - 1] + move.delta) }
        return segments.map { segment in
            guard segment.byteOffset > 0 else { return segment }
            // The moves at offsets before the segment's start (an insertion at 0 among them).
            var low = 0, high = moves.count
            while low < high {
                let mid = (low + high) / 2
                if moves[mid].offset < segment.byteOffset { low = mid + 1 } else { high = mid }
            }
            var moved = segment
            moved.byteOffset += before[low]
            return moved
        }
    }
}
