/// Remembers the first paragraph seen with each exact match key.
///
/// `Holder` is how the caller names a paragraph: `KeptParagraphIndex` uses its 4-byte kept
/// number. Memory: one dictionary entry per distinct kept key — a 16-byte hash plus the holder,
/// about 30 bytes with the table's slack for an `Int32` holder.
public struct ExactDuplicateIndex<Holder: Sendable>: Sendable {
    private var firstSeen: [Hash128: Holder] = [:]

    public init() {}

    /// The paragraph already holding `key`, if any.
    public func lookup(_ key: Hash128) -> Holder? {
        firstSeen[key]
    }

    /// Records `holder` as the holder of `key` unless one is already recorded.
    public mutating func insert(_ key: Hash128, _ holder: Holder) {
        if firstSeen[key] == nil { firstSeen[key] = holder }
    }

    public var count: Int { firstSeen.count }

    /// Buckets allocated (at least `count`).
    public var capacity: Int { firstSeen.capacity }
}
