import CICU

/// How many changes of each kind normalization made: per paragraph, per document or per run.
public struct NormalizationCounts: Sendable, Equatable {
    /// Zero-width characters, soft hyphens and stray BOMs removed.
    public var invisibleRemoved = 0
    /// Unicode spaces made ' ', and spaces collapsed or trimmed.
    public var spaces = 0
    /// Characters width-folded.
    public var width = 0
    /// ASCII punctuation made full-width in Chinese context.
    public var punctuation = 0
    /// Straight double quotes made curly.
    public var straightQuotes = 0
    /// Line breaks inside paragraphs joined.
    public var linesJoined = 0
    /// Wrap hyphens removed (`exam-` + `ple`).
    public var hyphensRejoined = 0
    /// Characters changed by Traditional-Simplified.
    public var simplified = 0
    /// Cut paragraphs rejoined with their continuation (one per join).
    public var paragraphsRejoined = 0
    /// Quote and bracket repairs (each one is a report record).
    public var quoteRepairs = 0

    public init() {}

    /// The kinds in report order, with their names (the keys of the summary).
    public var byKind: [(name: String, count: Int)] {
        [
            ("invisible", invisibleRemoved), ("spaces", spaces), ("width", width),
            ("punctuation", punctuation), ("quotes", straightQuotes), ("lines", linesJoined),
            ("hyphens", hyphensRejoined), ("simplified", simplified),
            ("rejoined", paragraphsRejoined), ("quote-repairs", quoteRepairs),
        ]
    }

    /// All changes together.
    public var total: Int { byKind.reduce(0) { $0 + $1.count } }

    public static func += (lhs: inout NormalizationCounts, rhs: NormalizationCounts) {
        lhs.invisibleRemoved += rhs.invisibleRemoved
        lhs.spaces += rhs.spaces
        lhs.width += rhs.width
        lhs.punctuation += rhs.punctuation
        lhs.straightQuotes += rhs.straightQuotes
        lhs.linesJoined += rhs.linesJoined
        lhs.hyphensRejoined += rhs.hyphensRejoined
        lhs.simplified += rhs.simplified
        lhs.paragraphsRejoined += rhs.paragraphsRejoined
        lhs.quoteRepairs += rhs.quoteRepairs
    }

    /// Adds the C normalizer's counter array (`DEDUP_NORM_COUNT_*` order).
    mutating func add(cCounts c: (Int32, Int32, Int32, Int32, Int32, Int32, Int32, Int32)) {
        invisibleRemoved += Int(c.0)
        spaces += Int(c.1)
        width += Int(c.2)
        punctuation += Int(c.3)
        straightQuotes += Int(c.4)
        linesJoined += Int(c.5)
        hyphensRejoined += Int(c.6)
        simplified += Int(c.7)
    }
}
