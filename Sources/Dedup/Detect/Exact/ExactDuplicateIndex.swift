/// Remembers the first paragraph seen with each exact match key.
///
/// `Holder` is how the caller names a paragraph: `KeptParagraphIndex` uses its 4-byte kept
/// number. Memory: one `Hash128Map` bucket per 0.25–0.5 distinct kept keys — a 16-byte hash plus
/// the optional holder, 24 bytes a bucket for an `Int32` holder.
public struct ExactDuplicateIndex<Holder: Sendable>: Sendable {
    private var firstSeen = Hash128Map<Holder>()

    public init() {}

    /// The paragraph already holding `key`, if any.
    public func lookup(_ key: Hash128) -> Holder? {
        firstSeen.lookup(key)
    }

    /// Starts loading where `lookup(key)` will look (a hint only).
    func prefetch(_ key: Hash128) {
        firstSeen.prefetch(key)
    }

    /// Records `holder` as the holder of `key` unless one is already recorded.
    public mutating func insert(_ key: Hash128, _ holder: Holder) {
        firstSeen.insertIfAbsent(key, holder)
    }

    public var count: Int { firstSeen.count }

    /// Buckets allocated (at least `count`).
    public var capacity: Int { firstSeen.capacity }

    /// Bytes held by the table (allocated capacity).
    var storageBytes: Int { firstSeen.storageBytes }
}
