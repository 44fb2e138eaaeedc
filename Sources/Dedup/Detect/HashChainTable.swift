/// A multimap from 64-bit hash keys to kept-paragraph numbers, for `LSHIndex` and
/// `ContainmentIndex`.
///
/// Design note. Keys are already uniformly mixed hashes (fmix64 outputs, shingle hashes), so the
/// table uses them directly — no `Hasher` (SipHash) per lookup, which profiling showed at ~12 % of
/// a run with `Dictionary`. Open addressing with linear probing over a power-of-two array of
/// slots (key, newest entry), at most half full; values are chained newest-first through a flat
/// entry array. Memory: 16 bytes per slot (key, newest entry, count; ≤ 2 slots per distinct key) + 8 bytes
/// per value.
/// Key 0 marks an empty slot, so key 0 is stored as key 1: at worst one more candidate, which is
/// verified like any other.
///
/// Limit: entries are numbered with `Int32`, so one table holds at most 2³¹ − 1 values — about
/// 134 M kept paragraphs in the LSH table at 16 bands. A corpus beyond that must be sharded.
struct HashChainTable: Sendable {
    private struct Slot: Sendable {
        var key: UInt64
        var head: Int32
        var count: Int32
    }

    private struct Entry: Sendable {
        var value: Int32
        var next: Int32
    }

    private var slots: [Slot] = Array(repeating: Slot(key: 0, head: -1, count: 0), count: 1024)
    private var mask = 1023
    private var used = 0
    private var entries: [Entry] = []

    init() {}

    /// Adds `value` under `key`.
    /// - Complexity: amortized O(1).
    mutating func insert(_ key: UInt64, _ value: Int32) {
        if 2 * (used + 1) > slots.count { grow() }
        let k = key == 0 ? 1 : key
        var i = Int(truncatingIfNeeded: k) & mask
        while slots[i].key != 0 && slots[i].key != k { i = (i + 1) & mask }
        if slots[i].key == 0 { slots[i].key = k; used += 1 }
        entries.append(Entry(value: value, next: slots[i].head))
        slots[i].head = Int32(entries.count - 1)
        slots[i].count &+= 1  // fewer values than Int32.max: entries are indexed by Int32
    }

    /// How many values `key` holds (one probe, no chain walk).
    func count(_ key: UInt64) -> Int {
        let k = key == 0 ? 1 : key
        var i = Int(truncatingIfNeeded: k) & mask
        while true {
            let slot = slots[i]
            if slot.key == 0 { return 0 }
            if slot.key == k { return Int(slot.count) }
            i = (i + 1) & mask
        }
    }

    /// Calls `body` with the values under `key`, newest first, at most `limit` of them.
    func forEach(_ key: UInt64, limit: Int, _ body: (Int32) -> Void) {
        let k = key == 0 ? 1 : key
        var i = Int(truncatingIfNeeded: k) & mask
        while true {
            let slot = slots[i]
            if slot.key == 0 { return }
            if slot.key == k {
                var cursor = slot.head
                var walked = 0
                while cursor >= 0 && walked < limit {
                    let entry = entries[Int(cursor)]
                    body(entry.value)
                    cursor = entry.next
                    walked += 1
                }
                return
            }
            i = (i + 1) & mask
        }
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: Slot(key: 0, head: -1, count: 0), count: old.count * 2)
        mask = slots.count - 1
        for slot in old where slot.key != 0 {
            var i = Int(truncatingIfNeeded: slot.key) & mask
            while slots[i].key != 0 { i = (i + 1) & mask }
            slots[i] = slot
        }
    }
}
