/// A quote repair located in the input: the report's `repair` record.
public struct ParagraphRepair: Sendable, Equatable {
    /// 0-based index of the input paragraph the repaired text came from.
    public var paragraph: Int
    /// 0-based character (Unicode scalar) offset inside that paragraph's normalized text.
    public var character: Int
    public var repair: QuoteRepair

    public init(paragraph: Int, character: Int, repair: QuoteRepair) {
        self.paragraph = paragraph
        self.character = character
        self.repair = repair
    }

    /// The report's `change` text, e.g. `removed stray ” at char 57`.
    public var change: String { repair.describe(charOffset: character) }
}
