/// One change the quote balancer made to a paragraph; each becomes a `quote-repair` report record.
public struct QuoteRepair: Sendable, Equatable {
    public enum Action: String, Sendable, Equatable {
        /// A stray mark was removed.
        case removed
        /// The missing partner of a stray mark was inserted.
        case inserted
        /// A mark was replaced by another form: a double quote nested in a double quote became
        /// single (GB/T 15834), or a closing mark was made to match its opening one.
        case replaced
    }

    public var action: Action
    /// The mark removed, inserted, or written in place of `was`.
    public var mark: Unicode.Scalar
    /// For `replaced`: the mark that was there before.
    public var was: Unicode.Scalar?
    /// UTF-8 offset in the paragraph text given to the balancer (before any repair); for an
    /// insertion, the offset the mark was inserted at.
    public var byteOffset: Int

    public init(action: Action, mark: Unicode.Scalar, was: Unicode.Scalar? = nil, byteOffset: Int) {
        self.action = action
        self.mark = mark
        self.was = was
        self.byteOffset = byteOffset
    }

    /// A one-line human description, e.g. `removed stray ” at char 57`.
    public func describe(charOffset: Int) -> String {
        switch action {
        case .removed: return "removed stray \(mark) at char \(charOffset)"
        case .inserted: return "inserted missing \(mark) at char \(charOffset)"
        case .replaced: return "replaced \(was.map { String($0) } ?? "?") with \(mark) at char \(charOffset)"
        }
    }
}
