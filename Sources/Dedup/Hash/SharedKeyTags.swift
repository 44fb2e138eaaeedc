import CICU
import Glibc

/// Which exact keys the documents before a given one had, in one table every analyzer of a run
/// shares: a direct-mapped table of 64-bit words, read and written without a lock.
///
/// Why: an analyzer defers the sketch of a paragraph whose key an earlier document had
/// (`DocumentAnalyzer.defersRepeatedSketches`). When each worker kept its own table, a key seen
/// by one worker was sketched again by the other: with two jobs, one of the five identical 2 MB
/// files of the licenses corpus, and every second cross-document repeat of the others.
///
/// A slot holds 32 bits of the key (from its high half; the slot index comes from its low half)
/// above the input position of the document that had it (+1, so 0 is an empty slot). A key
/// counts as earlier only for a document at that position or later: a document analyzed ahead
/// of an earlier one by another worker defers nothing against it, so the planner, which meets
/// the earlier one first, never has to sketch that key itself. Nothing depends on the answer
/// beyond speed: a lost key (its slot taken, or two workers writing one slot at once) is only
/// sketched as before, and a false match (two keys equal in all 32 + log2(slots) bits) only
/// defers a sketch that the planner then computes from the text.
///
/// Memory: 2^slotsLog2 slots of 8 bytes, allocated zeroed and untouched until a key lands in a
/// page (see `slotsLog2(forInputBytes:)`).
final class SharedKeyTags: @unchecked Sendable {
    // Unchecked Sendable: the slots are only read and written with relaxed atomic operations
    // (dedup_atomic_load_u64/store_u64), and `slots` is freed only when no thread holds the table.
    private let slots: UnsafeMutablePointer<UInt64>
    private let mask: Int

    /// The largest table: 2^18 slots, 2 MiB.
    static let largestSlotsLog2 = 18

    /// - Parameter slotsLog2: the table has 2^slotsLog2 slots (clamped to 4…`largestSlotsLog2`).
    init(slotsLog2: Int) {
        let log2 = min(max(slotsLog2, 4), Self.largestSlotsLog2)
        let count = 1 << log2
        // calloc: a large zeroed block is fresh mapped memory, so untouched pages cost nothing.
        guard let memory = calloc(count, MemoryLayout<UInt64>.stride) else {
            fatalError("SharedKeyTags: out of memory for \(count) slots")
        }
        slots = memory.bindMemory(to: UInt64.self, capacity: count)
        mask = count - 1
    }

    deinit { free(slots) }

    /// Slots for a run over `bytes` of input: about one per 16 bytes (four per paragraph of
    /// 64 bytes, the load at which the tables this replaced grew), between 2^12 and the largest.
    static func slotsLog2(forInputBytes bytes: Int) -> Int {
        let wanted = max(bytes / 16, 1)
        let log2 = Int.bitWidth - (wanted - 1).leadingZeroBitCount
        return min(max(log2, 12), largestSlotsLog2)
    }

    /// How many slots the table has.
    var slotCount: Int { mask + 1 }

    /// Whether a document at input position `position` or before it had `key` (and its slot
    /// still holds it).
    @inline(__always)
    func contains(_ key: Hash128, before position: UInt32) -> Bool {
        let word = dedup_atomic_load_u64(slots + slot(of: key))
        return word != 0 && word >> 32 == Self.tag(of: key) && word & 0xFFFF_FFFF <= Self.stamp(position)
    }

    /// Starts loading the slot `contains(key, before:)` reads (a hint only): the table is
    /// larger than the caches, and its read was the costliest instruction of a zh analysis.
    @inline(__always)
    func prefetch(_ key: Hash128) {
        dedup_prefetch(slots + slot(of: key))
    }

    /// Records that the document at input position `position` had `key`. A slot already holding
    /// the key from an earlier position keeps it (it serves more documents).
    @inline(__always)
    func insert(_ key: Hash128, at position: UInt32) {
        let address = slots + slot(of: key)
        let tag = Self.tag(of: key)
        let stamp = Self.stamp(position)
        let word = dedup_atomic_load_u64(address)
        if word != 0 && word >> 32 == tag && word & 0xFFFF_FFFF <= stamp { return }
        dedup_atomic_store_u64(address, tag << 32 | stamp)
    }

    private func slot(of key: Hash128) -> Int { Int(truncatingIfNeeded: key.low) & mask }
    private static func tag(of key: Hash128) -> UInt64 { key.high >> 32 }
    /// The position + 1 (never 0, which marks an empty slot); the last position is shared by
    /// all later ones, which only makes them defer against one another as if earlier.
    private static func stamp(_ position: UInt32) -> UInt64 { UInt64(min(position, UInt32.max - 1)) + 1 }
}
