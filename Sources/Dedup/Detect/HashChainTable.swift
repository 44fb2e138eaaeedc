import CICU

/// A multimap from 64-bit hash keys to kept-paragraph numbers, for `LSHIndex` and
/// `ContainmentIndex`.
///
/// Design note. Keys are already uniformly mixed hashes (fmix64 outputs, shingle hashes), so the
/// table uses them directly — no `Hasher` (SipHash) per lookup, which profiling showed at ~12 % of
/// a run with `Dictionary`. Open addressing with linear probing over a power-of-two array of
/// slots (key, newest entry), at most half full; values are chained newest-first through a flat
/// entry array. Memory: 16 bytes per slot (key, newest entry, count; ≤ 2 slots per distinct key) + 8 bytes
/// per value.
///
/// Locality: a chain threaded through entries appended over a whole run touches one cache line per
/// value. Each time the entry array doubles, it is rewritten chain by chain (newest first), so
/// every chain's older part is contiguous and a walk reads it sequentially; only values added
/// since the last rewrite are scattered. The walk order — newest first — never changes.
/// Both arrays are `HugePageArray`s: the LSH table is the largest structure of a run and is
/// probed at random, so it lives in transparent huge pages.
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

    /// Starts small: a detector is made per document with `--scope document` and per pipeline
    /// run, and 1024 slots (16 KB, written on creation) cost more than a short document's work.
    private var slots = HugePageArray(repeating: Slot(key: 0, head: -1, count: 0), count: 64)
    private var mask = 63
    private var used = 0
    private var entries = HugePageArray<Entry>()
    /// Entry count at which the entries are next rewritten chain by chain.
    private var compactAt = 1 << 12
    /// Whether chains are rewritten contiguously as the table grows (see the design note).
    private let compacts: Bool

    /// - Parameter compacts: rewrite chains contiguously as the table grows; worth it only when
    ///   chains are long enough for their walks to matter.
    init(compacts: Bool = true) {
        self.compacts = compacts
    }

    /// Bytes held by the table's arrays (allocated capacity).
    var storageBytes: Int {
        slots.storageBytes + entries.storageBytes
    }

    /// Where a key's values start, and how many there are.
    struct Chain: Sendable {
        fileprivate var head: Int32
        var count: Int
    }

    /// Adds `value` under `key`.
    /// - Complexity: amortized O(1).
    mutating func insert(_ key: UInt64, _ value: Int32) {
        if 2 * (used + 1) > slots.count { grow() }
        let k = key == 0 ? 1 : key
        let mask = mask
        let entry = Int32(entries.count)  // fewer values than Int32.max: see the limit above
        let isNew = slots.withUnsafeMutableBufferPointer { slots -> Bool in
            var i = Int(truncatingIfNeeded: k) & mask
            while slots[i].key != 0 && slots[i].key != k { i = (i + 1) & mask }
            let isNew = slots[i].key == 0
            if isNew { slots[i] = Slot(key: k, head: -1, count: 0) }
            entries.append(Entry(value: value, next: slots[i].head))
            slots[i].head = entry
            slots[i].count &+= 1  // fewer values than Int32.max: entries are indexed by Int32
            return isNew
        }
        if isNew { used += 1 }
        if compacts && entries.count >= compactAt { compact() }
    }

    /// Asks the CPU to start loading the slot where a probe for `key` begins. A hint only: a
    /// query that probes for many keys (16 band keys, a paragraph's anchors) prefetches them all
    /// first, so their cache misses overlap instead of following one another.
    func prefetch(_ key: UInt64) {
        let k = key == 0 ? 1 : key
        slots.withUnsafeBufferPointer { slots in
            // The index is masked to the table, so the address is inside the slot array.
            if let base = slots.baseAddress { dedup_prefetch(base + (Int(truncatingIfNeeded: k) & mask)) }
        }
    }

    /// The chain of `key`: its length and where a walk starts (one probe, no chain walk).
    func chain(_ key: UInt64) -> Chain {
        let k = key == 0 ? 1 : key
        var i = Int(truncatingIfNeeded: k) & mask
        while true {
            let slot = slots[i]
            if slot.key == 0 { return Chain(head: -1, count: 0) }
            if slot.key == k { return Chain(head: slot.head, count: Int(slot.count)) }
            i = (i + 1) & mask
        }
    }

    /// Calls `body` with the values of `chain`, newest first, at most `limit` of them.
    func forEach(in chain: Chain, limit: Int, _ body: (Int32) -> Void) {
        entries.withUnsafeBufferPointer { entries in
            var cursor = chain.head
            var walked = 0
            while cursor >= 0 && walked < limit {
                let entry = entries[Int(cursor)]
                body(entry.value)
                cursor = entry.next
                walked += 1
            }
        }
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
        let found = chain(key)
        if found.count > 0 { forEach(in: found, limit: limit, body) }
    }

    /// Rewrites the entries chain by chain, each chain contiguous and newest first, and doubles
    /// the size at which this happens again.
    /// - Complexity: O(entries); amortized O(1) per insert.
    private mutating func compact() {
        compactAt = entries.count * 2
        let count = entries.count
        let packed = HugePageArray<Entry>(unsafeUninitializedCapacity: compactAt) { packed, initialized in
            entries.withUnsafeBufferPointer { old in
                slots.withUnsafeMutableBufferPointer { slots in
                    var written = 0
                    for s in slots.indices where slots[s].key != 0 {
                        var cursor = slots[s].head
                        slots[s].head = Int32(written)
                        while cursor >= 0 {
                            let entry = old[Int(cursor)]
                            // The next entry of this chain, if any, is written right after this one.
                            packed[written] = Entry(value: entry.value, next: entry.next >= 0 ? Int32(written + 1) : -1)
                            written += 1
                            cursor = entry.next
                        }
                    }
                    initialized = written
                }
            }
        }
        // Every entry is on exactly one chain, so every one was rewritten.
        assert(packed.count == count)
        entries = packed
    }

    private mutating func grow() {
        let old = slots
        slots = HugePageArray(repeating: Slot(key: 0, head: -1, count: 0), count: old.count * 2)
        mask = slots.count - 1
        let mask = mask
        old.withUnsafeBufferPointer { old in
            slots.withUnsafeMutableBufferPointer { slots in
                for slot in old where slot.key != 0 {
                    var i = Int(truncatingIfNeeded: slot.key) & mask
                    while slots[i].key != 0 { i = (i + 1) & mask }
                    slots[i] = slot
                }
            }
        }
    }
}
