/// The paired marks of GB/T 15834-2011 the quote balancer handles, with their nesting forms.
///
/// Quotes `“”`/`‘’`, corner brackets `「」`/`『』` and book-title marks `《》`/`〈〉` alternate when
/// nested; full-width parentheses `（）` and lenticular brackets `【】` nest as they are. ASCII
/// brackets and quotes belong to Latin text and are left alone.
struct QuotationMark: Equatable, Sendable {
    enum Family: Int, CaseIterable, Sendable { case quote, corner, book, parenthesis, lenticular }

    var family: Family
    /// 0 the outer form (double quote, 「, 《), 1 the nested form (single quote, 『, 〈).
    var form: Int
    var isOpening: Bool

    /// The mark a 3-byte UTF-8 sequence encodes, if it is one of ours.
    @inline(__always)
    static func decode(_ b0: UInt8, _ b1: UInt8, _ b2: UInt8) -> QuotationMark? {
        switch (b0, b1) {
        case (0xE2, 0x80):
            switch b2 {
            case 0x9C: return QuotationMark(family: .quote, form: 0, isOpening: true)
            case 0x9D: return QuotationMark(family: .quote, form: 0, isOpening: false)
            case 0x98: return QuotationMark(family: .quote, form: 1, isOpening: true)
            case 0x99: return QuotationMark(family: .quote, form: 1, isOpening: false)
            default: return nil
            }
        case (0xE3, 0x80):
            switch b2 {
            case 0x8C: return QuotationMark(family: .corner, form: 0, isOpening: true)
            case 0x8D: return QuotationMark(family: .corner, form: 0, isOpening: false)
            case 0x8E: return QuotationMark(family: .corner, form: 1, isOpening: true)
            case 0x8F: return QuotationMark(family: .corner, form: 1, isOpening: false)
            case 0x8A: return QuotationMark(family: .book, form: 0, isOpening: true)
            case 0x8B: return QuotationMark(family: .book, form: 0, isOpening: false)
            case 0x88: return QuotationMark(family: .book, form: 1, isOpening: true)
            case 0x89: return QuotationMark(family: .book, form: 1, isOpening: false)
            case 0x90: return QuotationMark(family: .lenticular, form: 0, isOpening: true)
            case 0x91: return QuotationMark(family: .lenticular, form: 0, isOpening: false)
            default: return nil
            }
        case (0xEF, 0xBC):
            switch b2 {
            case 0x88: return QuotationMark(family: .parenthesis, form: 0, isOpening: true)
            case 0x89: return QuotationMark(family: .parenthesis, form: 0, isOpening: false)
            default: return nil
            }
        default:
            return nil
        }
    }

    /// Whether the family alternates forms when nested.
    var alternates: Bool { family == .quote || family == .corner || family == .book }

    /// Quotes (not brackets): a stray one may be completed at the paragraph's start or end.
    var isQuote: Bool { family == .quote || family == .corner }

    var scalar: Unicode.Scalar {
        let value: UInt32
        switch (family, form, isOpening) {
        case (.quote, 0, true): value = 0x201C
        case (.quote, 0, false): value = 0x201D
        case (.quote, _, true): value = 0x2018
        case (.quote, _, false): value = 0x2019
        case (.corner, 0, true): value = 0x300C
        case (.corner, 0, false): value = 0x300D
        case (.corner, _, true): value = 0x300E
        case (.corner, _, false): value = 0x300F
        case (.book, 0, true): value = 0x300A
        case (.book, 0, false): value = 0x300B
        case (.book, _, true): value = 0x3008
        case (.book, _, false): value = 0x3009
        case (.parenthesis, _, true): value = 0xFF08
        case (.parenthesis, _, false): value = 0xFF09
        case (.lenticular, _, true): value = 0x3010
        case (.lenticular, _, false): value = 0x3011
        }
        return Unicode.Scalar(value)!  // safe: every value above is a valid BMP scalar
    }

    var utf8: [UInt8] { Array(String(Character(scalar)).utf8) }

    func with(form: Int) -> QuotationMark {
        var copy = self
        copy.form = alternates ? form : 0
        return copy
    }

    var partner: QuotationMark {
        var copy = self
        copy.isOpening.toggle()
        return copy
    }
}
