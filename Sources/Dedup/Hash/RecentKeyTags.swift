/// Which exact keys were seen recently, as their low 64 bits in a direct-mapped table: a new key
/// overwrites whatever shared its slot, so memory never grows with a corpus.
///
/// Why: an analyzer defers the sketch of a paragraph whose key an earlier document had
/// (`DocumentAnalyzer.defersRepeatedSketches`). Forgetting a key only means its repeat is
/// sketched as before; a false "seen" (two keys with equal low halves, 2⁻⁶⁴ per lookup) only
/// means a sketch is deferred that the planner then computes from the text. Nothing depends on
/// the answer beyond speed, so 8 bytes per slot are enough (a slot holding the whole 128-bit key
/// and an optional value, as `DirectMappedCache` does for sketches, takes 24).
///
/// Memory: up to 2^slotsLog2 slots of 8 bytes. The table starts at 2^12 slots on the first
/// insert and grows fourfold (keeping what it holds: the slot is the tag's low bits) each time a
/// quarter as many keys were inserted as it has slots: a one-file run touches 32 KiB, a corpus
/// that needs the full table reaches it after about 22,000 keys.
struct RecentKeyTags: Sendable {
    /// Low 64 bits of a key per slot; 0 is an empty slot (a key whose low half is 0 is never
    /// held, which only costs it its deferral).
    private var tags: [UInt64] = []
    /// Slots in use − 1 (a power of two − 1).
    private var mask: Int
    private let largestLog2: Int
    /// Keys inserted since the table last grew.
    private var inserted = 0

    /// The slot count the table starts at (when `slotsLog2` is larger).
    static var initialSlotsLog2: Int { 12 }

    /// - Parameter slotsLog2: the table holds at most 2^slotsLog2 keys.
    init(slotsLog2: Int) {
        largestLog2 = slotsLog2
        mask = (1 << min(slotsLog2, Self.initialSlotsLog2)) - 1
    }

    /// Slots allocated (0 before the first insert).
    var slotCount: Int { tags.count }

    /// Whether `key` was inserted and its slot not taken since.
    func contains(_ key: Hash128) -> Bool {
        guard !tags.isEmpty, key.low != 0 else { return false }
        return tags[Int(truncatingIfNeeded: key.low) & mask] == key.low
    }

    mutating func insert(_ key: Hash128) {
        guard key.low != 0 else { return }
        if tags.isEmpty { tags = [UInt64](repeating: 0, count: mask + 1) }
        if 4 * inserted >= mask + 1 && mask + 1 < 1 << largestLog2 { grow() }
        tags[Int(truncatingIfNeeded: key.low) & mask] = key.low
        inserted += 1
    }

    /// Four times the slots (at most 2^largestLog2), every held tag moved to its new slot.
    private mutating func grow() {
        let old = tags
        let log2 = min(largestLog2, (mask + 1).trailingZeroBitCount + 2)
        mask = (1 << log2) - 1
        tags = [UInt64](repeating: 0, count: mask + 1)
        for tag in old where tag != 0 { tags[Int(truncatingIfNeeded: tag) & mask] = tag }
        inserted = 0
    }
}
