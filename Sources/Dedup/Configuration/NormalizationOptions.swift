/// Which normalization steps run, and the limits of the cut-paragraph rejoiner. Every step can be
/// switched off; the defaults (in `DedupConfiguration+Default.swift`) are what a Chinese newspaper
/// archive wants. The README's "Normalization" section describes each step.
public struct NormalizationOptions: Sendable, Codable, Equatable {
    /// Invisible characters removed, Unicode spaces → ' ', runs collapsed, lines trimmed.
    public var whitespace: Bool
    /// Full-width letters/digits → half-width; half-width katakana → full-width.
    public var width: Bool
    /// `, ; : ? ! ( )` → `，；：？！（）` in Chinese context.
    public var punctuation: Bool
    /// Straight `"` → `“ ”` in Chinese context; quotes and brackets balanced and nested.
    public var quotes: Bool
    /// Hard-wrapped lines inside a paragraph joined.
    public var lineJoin: Bool
    /// Paragraphs cut by a column or page break rejoined with their continuation.
    public var rejoin: Bool
    /// Traditional Chinese converted to Simplified (ICU `Traditional-Simplified`).
    public var toSimplified: Bool
    /// A paragraph shorter than this (letters, digits, ideographs) is never taken as the first part
    /// of a cut paragraph: headings, captions and bylines are short.
    public var rejoinMinCharacters: Int

    public init(
        whitespace: Bool, width: Bool, punctuation: Bool, quotes: Bool, lineJoin: Bool,
        rejoin: Bool, toSimplified: Bool, rejoinMinCharacters: Int
    ) {
        self.whitespace = whitespace
        self.width = width
        self.punctuation = punctuation
        self.quotes = quotes
        self.lineJoin = lineJoin
        self.rejoin = rejoin
        self.toSimplified = toSimplified
        self.rejoinMinCharacters = rejoinMinCharacters
    }

    /// Every step off: text passes through as split.
    public static let none = NormalizationOptions(
        whitespace: false, width: false, punctuation: false, quotes: false, lineJoin: false,
        rejoin: false, toSimplified: false, rejoinMinCharacters: 0)
}
