import CICU

/// A multimap from 32-bit keys to kept-paragraph numbers, for `LSHIndex` (the high half of each
/// band key) and `ContainmentIndex` (the anchor itself).
///
/// Design note. Keys are already uniformly mixed hashes (fmix64 outputs, shingle hashes), so the
/// table needs no `Hasher` (SipHash) per lookup, which profiling showed at ~12 % of a run with
/// `Dictionary`: a slot is picked by Fibonacci hashing of the key (the top bits of key × 2⁶⁴/φ),
/// which spreads the anchors too (window minima, so skewed towards small values). Open addressing
/// with linear probing over a power-of-two array of slots, at most half full. A key's only value
/// is held in its slot; once it has two or more they are chained newest-first through a flat
/// entry array. A slot is 8 bytes (key, and the value or the newest entry) or, where the caller
/// needs chain lengths (`CountedChainSlot`), 12. An empty slot is marked in its `head`, so every
/// key value is usable. Memory: 2–4 slots per distinct key (the table is half to a quarter full)
/// + 8 bytes per value of a key with several.
///
/// Why the value in the slot: most keys have one value (almost every LSH band key; the rarest
/// anchors a containment query walks first), and reading it from the entry array was a second
/// cache miss per probe, and 8 bytes more per value on a VM where memory a run touches for the
/// first time costs ~2 ms per MB (zh index 72 → 57 MB, one-file zh run −3.6 % CPU).
///
/// Keys are 32 bits because a key collision costs only a candidate that verification rejects:
/// half the slot size of a 64-bit key is half the cache and TLB misses on the largest structure
/// of a run, probed at random. Anchors are 32-bit values, so the containment index is exact.
///
/// Locality: a chain threaded through entries appended over a whole run touches one cache line per
/// value. Each time the entry array doubles, it is rewritten chain by chain (newest first), so
/// every chain's older part is contiguous and a walk reads it sequentially; only values added
/// since the last rewrite are scattered. The walk order — newest first — never changes.
/// Both arrays are `HugePageArray`s: the LSH table is the largest structure of a run and is
/// probed at random, so it lives in transparent huge pages.
///
/// Limit: values and entry numbers are `Int32`: a value is at most 2³¹ − 2, and one table holds
/// fewer than 2³¹ values of shared keys — about 214 M kept paragraphs in the LSH table at 10 bands
/// if every band key were shared. A corpus beyond that must be sharded.
struct HashChainTable<Slot: ChainSlot>: Sendable {
    private struct Entry: Sendable {
        var value: Int32
        var next: Int32
    }

    private static var emptyHead: Int32 { Slot.emptyHead }

    /// The largest value a table holds (`~value` must not be `emptyHead`).
    static var maximumValue: Int32 { .max - 1 }

    /// Starts small: a detector is made per document with `--scope document` and per pipeline
    /// run, and 1024 slots (written on creation) cost more than a short document's work.
    private var slots = HugePageArray(repeating: Slot.empty, count: 64)
    /// 64 − log₂(slot count): the shift that turns a Fibonacci product into a slot index.
    private var shift: UInt64 = 64 - 6
    private var mask = 63
    private var used = 0
    private var entries = HugePageArray<Entry>()
    /// Entry count at which the entries are next rewritten chain by chain.
    private var compactAt = 1 << 12
    /// Whether chains are rewritten contiguously as the table grows (see the design note).
    private let compacts: Bool
    /// How many keys the table is expected to hold in the end (0: no idea), so that a growth
    /// goes straight to that size instead of doubling there (see `grow`).
    var expectedKeys = 0

    /// - Parameter compacts: rewrite chains contiguously as the table grows; worth it only when
    ///   chains are long enough for their walks to matter.
    init(compacts: Bool = true) {
        self.compacts = compacts
    }

    /// How many distinct keys the table holds.
    var keyCount: Int { used }

    /// Expects the table to end up holding `factor` times the keys it holds now (sets
    /// `expectedKeys`).
    mutating func expectGrowth(by factor: Double) {
        expectedKeys = Int(Double(used) * factor)
    }

    /// How many slots the table has (a power of two, at least twice `keyCount`).
    var slotCount: Int { slots.count }

    /// How many values are held in the entry array: those of keys with two or more (a key's
    /// only value is held in its slot).
    var chainedValueCount: Int { entries.count }

    /// Bytes held by the table's arrays (allocated capacity).
    var storageBytes: Int {
        slots.storageBytes + entries.storageBytes
    }

    /// Where a key's values start, and how many there are (with `CountedChainSlot`; else 1 for
    /// any non-empty chain).
    struct Chain: Sendable {
        fileprivate var head: Int32
        var count: Int
    }

    /// The slot where a probe for `key` starts.
    @inline(__always)
    private func home(_ key: UInt32) -> Int { Self.home(key, shift: shift) }

    @inline(__always)
    private static func home(_ key: UInt32, shift: UInt64) -> Int {
        Int(truncatingIfNeeded: (UInt64(key) &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// Adds `value` under `key`.
    /// - Complexity: amortized O(1).
    /// - Precondition: `0 ≤ value ≤ maximumValue`.
    mutating func insert(_ key: UInt32, _ value: Int32) {
        precondition(value >= 0 && value <= Self.maximumValue, "value out of range")
        if 2 * (used + 1) > slots.count { grow() }
        let mask = mask
        let start = home(key)
        let isNew = slots.withUnsafeMutableBufferPointer { slots -> Bool in
            var i = start
            while slots[i].head != Self.emptyHead && slots[i].key != key { i = (i + 1) & mask }
            let head = slots[i].head
            if head == Self.emptyHead {
                slots[i] = Slot(key: key)
                slots[i].head = ~value
            } else {
                // Fewer values than Int32.max: entries are indexed by Int32 (see the limit above).
                var next = head
                if head < 0 {  // the key's only value moves out of the slot, to the end of the chain
                    next = Int32(entries.count)
                    entries.append(Entry(value: ~head, next: -1))
                }
                slots[i].head = Int32(entries.count)
                entries.append(Entry(value: value, next: next))
            }
            slots[i].addOne()
            return head == Self.emptyHead
        }
        if isNew { used += 1 }
        if compacts && entries.count >= compactAt { compact() }
    }

    /// Asks the CPU to start loading the slot where a probe for `key` begins. A hint only: a
    /// query that probes for many keys (16 band keys, a paragraph's anchors) prefetches them all
    /// first, so their cache misses overlap instead of following one another.
    func prefetch(_ key: UInt32) {
        let start = home(key)
        slots.withUnsafeBufferPointer { slots in
            // `home` is below the slot count, so the address is inside the slot array.
            if let base = slots.baseAddress { dedup_prefetch(base + start) }
        }
    }

    /// The chain of `key`: its length and where a walk starts (one probe, no chain walk).
    func chain(_ key: UInt32) -> Chain {
        var i = home(key)
        while true {
            let slot = slots[i]
            if slot.head == Self.emptyHead { return Chain(head: Self.emptyHead, count: 0) }
            if slot.key == key { return Chain(head: slot.head, count: slot.count) }
            i = (i + 1) & mask
        }
    }

    /// Calls `body` with the values of `chain`, newest first, at most `limit` of them.
    func forEach(in chain: Chain, limit: Int, _ body: (Int32) -> Void) {
        if chain.head < 0 {
            if chain.head != Self.emptyHead && limit > 0 { body(~chain.head) }
            return
        }
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

    /// Calls `body` with the values under `key`, newest first, at most `limit` of them.
    func forEach(_ key: UInt32, limit: Int, _ body: (Int32) -> Void) {
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
                    for s in slots.indices where slots[s].head >= 0 {  // chains, not single values
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
        // Every entry is on exactly one chain of a slot, so every one was rewritten.
        assert(packed.count == count)
        entries = packed
    }

    /// Doubles the slots, or grows them at once to hold `expectedKeys` at most half full (at
    /// most 8 times the keys held now, so a wrong guess costs a bounded amount of memory).
    ///
    /// Why: every doubling writes a fresh array and rehashes every key into it; in a zh run the
    /// doublings of the band and anchor tables, with the kernel clearing their fresh pages, were
    /// 6 % of the CPU time (measured by giving both tables their final size up front).
    private mutating func grow() {
        let old = slots
        let target = min(expectedKeys, 8 * used)
        var count = old.count * 2
        while count < 2 * target { count *= 2 }
        slots = HugePageArray(repeating: Slot.empty, count: count)
        mask = slots.count - 1
        shift = UInt64(64 - count.trailingZeroBitCount)
        let mask = mask
        let shift = shift
        old.withUnsafeBufferPointer { old in
            slots.withUnsafeMutableBufferPointer { slots in
                for slot in old where slot.head != Self.emptyHead {
                    var i = Self.home(slot.key, shift: shift)
                    while slots[i].head != Self.emptyHead { i = (i + 1) & mask }
                    slots[i] = slot
                }
            }
        }
    }
}

/// A slot of `HashChainTable`: a key and its only value or its chain's newest entry (see
/// `emptyHead` for how `head` says which).
protocol ChainSlot: Sendable, BitwiseCopyable {
    /// An empty slot (`head` is `emptyHead`).
    static var empty: Self { get }
    /// A slot for `key` with no value yet (its head is set right after).
    init(key: UInt32)
    var key: UInt32 { get }
    var head: Int32 { get set }
    /// The chain's length, when the slot keeps it (else 1 for any occupied slot).
    var count: Int { get }
    /// Counts one more value in the chain, when the slot keeps a count.
    mutating func addOne()
}

extension ChainSlot {
    /// `head` of an empty slot. A non-negative `head` is the newest entry of a chain of two or
    /// more values; any other negative one is a key's only value `v`, stored as `~v`.
    static var emptyHead: Int32 { .min }
}

/// 8 bytes: for tables whose callers never ask how long a chain is (`LSHIndex`).
struct ChainSlot8: ChainSlot {
    private(set) var key: UInt32
    var head: Int32

    static var empty: ChainSlot8 { ChainSlot8(key: 0, head: emptyHead) }
    init(key: UInt32) { self.init(key: key, head: Self.emptyHead) }
    private init(key: UInt32, head: Int32) {
        self.key = key
        self.head = head
    }
    var count: Int { head != Self.emptyHead ? 1 : 0 }
    @inline(__always) mutating func addOne() {}
}

/// 12 bytes: keeps each chain's length, which `ContainmentIndex` sorts anchors by (rarest first).
struct CountedChainSlot: ChainSlot {
    private(set) var key: UInt32
    var head: Int32
    private var length: Int32

    static var empty: CountedChainSlot { CountedChainSlot(key: 0, head: emptyHead) }
    init(key: UInt32) { self.init(key: key, head: Self.emptyHead) }
    private init(key: UInt32, head: Int32) {
        self.key = key
        self.head = head
        self.length = 0
    }
    var count: Int { Int(length) }
    @inline(__always) mutating func addOne() { length &+= 1 }  // < Int32.max values per table
}
