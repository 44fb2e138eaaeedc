import CICU

/// What the cut-paragraph rejoiner and the quote balancer need to know about a paragraph's text,
/// measured by the C++ side (while normalizing, or from the text as it is).
public struct ParagraphShape: Sendable, Equatable {
    /// Letters, digits and ideographs; -1 when not measured (see `isMeasured`).
    public var significant: Int
    /// Punctuation marks (ICU general category P*); -1 when not measured.
    public var punctuation: Int
    /// Sentence-final marks (ICU Sentence_Terminal: 。！？.!?); -1 when not measured.
    public var sentenceEnds: Int
    /// Non-ASCII quotes and brackets (Ps Pe Pi Pf): zero means the balancer has nothing to do.
    public var pairMarks: Int
    /// Pause marks (ICU category Po: `，、；：`) in the unfinished last sentence, after the last
    /// sentence-final mark; -1 when not measured.
    public var tailPauses: Int
    /// ICU general category (UCharCategory) of the first and last scalar; -1 when empty.
    public var firstCategory: Int
    public var lastCategory: Int
    /// 1 CJK (Han, kana, bopomofo or a wide character), 2 another letter or number, 0 anything else.
    public var firstClass: Int
    public var lastClass: Int
    /// True when the quote balancer has nothing to do (`QuoteBalancer.isAlreadyBalanced` holds,
    /// checked by the C++ side); false when it may have (or when unknown).
    public var isBalanced: Bool
    /// Letters and numbers of CJK scripts (part of `significant`); -1 when not measured.
    public var cjkLetters: Int
    /// Dashes right after another dash (`--`, `——`) after the last sentence-final mark: an
    /// attribution (`-- 论语，为政篇`); -1 when not measured.
    public var tailDashes: Int

    init(_ c: dedup_paragraph_shape) {
        significant = Int(c.significant)
        punctuation = Int(c.inner_marks)
        sentenceEnds = Int(c.sentence_ends)
        pairMarks = Int(c.pair_marks)
        tailPauses = Int(c.tail_pauses)
        firstCategory = Int(c.first_category)
        lastCategory = Int(c.last_category)
        firstClass = Int(c.first_class)
        lastClass = Int(c.last_class)
        isBalanced = c.pairs_balanced != 0
        cjkLetters = Int(c.cjk_letters)
        tailDashes = Int(c.tail_dashes)
    }

    /// A placeholder for a paragraph not yet normalized (`AnalyzedParagraph.isNormalized`):
    /// nothing measured, balance unknown.
    static var unmeasured: ParagraphShape {
        var shape = ParagraphShape(dedup_paragraph_shape())
        shape.forgetCounts()
        shape.firstCategory = -1
        shape.lastCategory = -1
        shape.isBalanced = false
        return shape
    }

    /// Marks the counts `isMeasured` looks at as not measured.
    private mutating func forgetCounts() {
        significant = -1
        punctuation = -1
        sentenceEnds = -1
        tailPauses = -1
        cjkLetters = -1
        tailDashes = -1
    }

    /// The shape of `text` as it is.
    /// - Complexity: O(n).
    public init(of text: [UInt8]) {
        self = text.withUnsafeBufferPointer { ParagraphShape(of: $0) }
    }

    /// The shape of `text` as it is.
    /// - Complexity: O(n).
    public init(of text: UnsafeBufferPointer<UInt8>) {
        var c = dedup_paragraph_shape()
        dedup_icu_paragraph_shape(text.baseAddress, Int32(clamping: text.count), &c)
        self.init(c)
    }

    /// Whether the three counts were measured. The normalizer leaves them unmeasured for speed;
    /// the rejoiner measures the few paragraphs it needs with `init(of:)`.
    public var isMeasured: Bool { significant >= 0 && punctuation >= 0 && sentenceEnds >= 0 && tailPauses >= 0 && cjkLetters >= 0 && tailDashes >= 0 }

    /// The shape of this paragraph followed by `next` (joined without a mark between them).
    public func followed(by next: ParagraphShape) -> ParagraphShape {
        var joined = self
        if isMeasured && next.isMeasured {
            joined.significant += next.significant
            joined.punctuation += next.punctuation
            joined.sentenceEnds += next.sentenceEnds
            joined.tailPauses = next.sentenceEnds > 0 ? next.tailPauses : tailPauses + next.tailPauses
            joined.cjkLetters += next.cjkLetters
            joined.tailDashes = next.sentenceEnds > 0 ? next.tailDashes : tailDashes + next.tailDashes
        } else {
            joined.forgetCounts()
        }
        joined.pairMarks += next.pairMarks
        joined.isBalanced = false  // unknown: a mark may pair across the join
        if next.lastCategory >= 0 {
            joined.lastCategory = next.lastCategory
            joined.lastClass = next.lastClass
        }
        if firstCategory < 0 {
            joined.firstCategory = next.firstCategory
            joined.firstClass = next.firstClass
        }
        return joined
    }
}
