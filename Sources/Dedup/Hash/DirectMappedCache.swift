/// Values by exact key for recently seen keys, in a fixed number of slots: a direct-mapped table
/// where a new key overwrites whatever shared its slot, so memory never grows with a corpus.
///
/// Why: deferred sketches (`DocumentAnalyzer.defersRepeatedSketches`) need two memories that
/// may forget — an analyzer's keys of earlier documents (`RecentKeyTags`) and the planner's
/// sketches of removed near repeats and fragments, kept here (forgetting one only means a
/// deferred repeat of it is sketched again from its text). Nothing depends on what it answers
/// beyond speed; a sketch is only returned for its whole exact key.
///
/// Memory: up to 2^slotsLog2 slots of 16 bytes plus the value (40 for a `SimilaritySketch`, whose
/// arrays are held too). The table starts at 2^12 slots on the first insert and grows fourfold
/// (keeping what it holds) each time a quarter as many keys were inserted as it has slots, up to
/// 2^slotsLog2, so it forgets little more than the full table would and a short run touches
/// little memory.
struct DirectMappedCache<Value: Sendable>: Sendable {
    private struct Slot: Sendable {
        var key: Hash128
        var value: Value?
    }

    private var slots: [Slot] = []
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
    var slotCount: Int { slots.count }

    /// The value last inserted for `key`, unless another key took its slot since.
    func value(for key: Hash128) -> Value? {
        guard !slots.isEmpty else { return nil }
        let slot = slots[Int(truncatingIfNeeded: key.low) & mask]
        return slot.key == key ? slot.value : nil
    }

    mutating func insert(_ value: Value, for key: Hash128) {
        if slots.isEmpty { slots = Array(repeating: Slot(key: Hash128(high: 0, low: 0), value: nil), count: mask + 1) }
        if 4 * inserted >= mask + 1 && mask + 1 < 1 << largestLog2 { grow() }
        slots[Int(truncatingIfNeeded: key.low) & mask] = Slot(key: key, value: value)
        inserted += 1
    }

    /// Four times the slots (at most 2^largestLog2), every held key moved to its new slot.
    private mutating func grow() {
        let old = slots
        let log2 = min(largestLog2, (mask + 1).trailingZeroBitCount + 2)
        mask = (1 << log2) - 1
        slots = Array(repeating: Slot(key: Hash128(high: 0, low: 0), value: nil), count: mask + 1)
        for slot in old where slot.value != nil {
            slots[Int(truncatingIfNeeded: slot.key.low) & mask] = slot
        }
        inserted = 0
    }
}
