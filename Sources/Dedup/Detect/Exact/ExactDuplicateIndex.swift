/// Remembers the first paragraph seen with each exact match key.
///
/// Memory: one dictionary entry per distinct kept key — a 16-byte hash plus a `ParagraphRef`
/// (a shared document-id string and an index), about 60 bytes with the table's slack.
public struct ExactDuplicateIndex: Sendable {
    private var firstSeen: [Hash128: ParagraphRef] = [:]

    public init() {}

    /// The paragraph already holding `key`, if any.
    public func lookup(_ key: Hash128) -> ParagraphRef? {
        firstSeen[key]
    }

    /// Records `ref` as the holder of `key` unless one is already recorded.
    public mutating func insert(_ key: Hash128, _ ref: ParagraphRef) {
        if firstSeen[key] == nil { firstSeen[key] = ref }
    }

    public var count: Int { firstSeen.count }
}
