/// The normalization steps that run on the final paragraphs, after the removal plan: cut
/// paragraphs are rejoined (`CutParagraphRejoiner`), then quotes and brackets are balanced and
/// nested (`QuoteBalancer`). The order matters: a cut `建设“智` is only balanced once its
/// continuation `慧物流…工作站”` is back, and a repeated fragment must be found before joining.
public struct ParagraphFinisher: Sendable {
    public let options: NormalizationOptions
    private let rejoiner: CutParagraphRejoiner
    private let balancer = QuoteBalancer()

    public init(options: NormalizationOptions) {
        self.options = options
        self.rejoiner = CutParagraphRejoiner(minimumCharacters: options.rejoinMinCharacters)
    }

    /// The finished paragraphs of one document.
    public struct Result: Sendable, Equatable {
        public var paragraphs: [FinishedParagraph]
        public var repairs: [ParagraphRepair]
        /// `paragraphsRejoined` and `quoteRepairs`; the per-paragraph kinds stay zero here.
        public var counts: NormalizationCounts
    }

    /// - Parameter kept: the kept paragraphs in input order: input index and normalized text.
    /// - Complexity: O(n) in the total length for paragraphs that need no quote repair.
    public func finish(_ kept: [CutParagraphRejoiner.Input]) -> Result {
        var counts = NormalizationCounts()
        var paragraphs: [FinishedParagraph]
        if options.rejoin {
            let joined = rejoiner.rejoin(kept)
            paragraphs = joined.paragraphs
            counts.paragraphsRejoined = joined.joins
        } else {
            paragraphs = kept.map {
                FinishedParagraph(text: $0.text, segments: [.init(paragraph: $0.index, byteOffset: 0)])
            }
        }
        var repairs: [ParagraphRepair] = []
        if options.quotes {
            for i in paragraphs.indices {
                let (text, made) = balancer.balance(paragraphs[i].text)
                guard !made.isEmpty else { continue }
                for repair in made {
                    let place = paragraphs[i].location(ofByte: repair.byteOffset)
                    repairs.append(ParagraphRepair(paragraph: place.paragraph, character: place.character, repair: repair))
                }
                paragraphs[i] = FinishedParagraph(text: text, segments: shifted(paragraphs[i].segments, by: made))
            }
            counts.quoteRepairs = repairs.count
        }
        return Result(paragraphs: paragraphs, repairs: repairs, counts: counts)
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
