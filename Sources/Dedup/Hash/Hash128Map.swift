import CICU

/// A map from `Hash128` keys to values that only ever grows: insert if absent, look up.
///
/// Design note. Keys are MurmurHash3-128 outputs, already uniformly mixed, so the slot is taken
/// straight from the key's low bits — no `Hasher` (SipHash) per operation, which profiling showed
/// at ~3.5 % of a zh run when exact keys lived in a `Dictionary`. Open addressing with linear
/// probing over a power-of-two array of slots, at most half full; a slot is empty when its value
/// is nil. Nothing is ever removed, so no tombstones. Iteration order is never exposed, so
/// results cannot depend on the table's layout.
///
/// Memory: one slot per bucket (the key, the optional value), between 2 and 4 buckets per key.
struct Hash128Map<Value: Sendable>: Sendable {
    private struct Slot: Sendable {
        var key: Hash128
        var value: Value?
    }

    private var slots: [Slot]
    private var mask: Int
    private(set) var count = 0

    /// - Parameter minimumCapacity: keys the table holds before it first grows.
    init(minimumCapacity: Int = 0) {
        var buckets = 16
        while buckets < 2 * minimumCapacity { buckets <<= 1 }
        slots = Array(repeating: Slot(key: Hash128(high: 0, low: 0), value: nil), count: buckets)
        mask = buckets - 1
    }

    /// Buckets allocated (at least `count`).
    var capacity: Int { slots.count }

    /// Bytes held by the slot array (allocated capacity).
    var storageBytes: Int { slots.capacity * MemoryLayout<Slot>.stride }

    /// Asks the CPU to start loading the slot where a lookup of `key` begins (a hint only).
    func prefetch(_ key: Hash128) {
        slots.withUnsafeBufferPointer { slots in
            // The index is masked to the table, so the address is inside the slot array.
            if let base = slots.baseAddress { dedup_prefetch(base + (Int(truncatingIfNeeded: key.low) & mask)) }
        }
    }

    /// The value stored under `key`, if any.
    /// - Complexity: O(1) expected.
    func lookup(_ key: Hash128) -> Value? {
        slots.withUnsafeBufferPointer { slots in
            var i = Int(truncatingIfNeeded: key.low) & mask
            while let value = slots[i].value {
                if slots[i].key == key { return value }
                i = (i + 1) & mask
            }
            return nil
        }
    }

    /// Stores `value` under `key` unless the key already has one; returns the value the key holds
    /// afterwards (the earlier one when there was one).
    /// - Complexity: amortized O(1).
    @discardableResult
    mutating func insertIfAbsent(_ key: Hash128, _ value: Value) -> Value {
        if 2 * (count + 1) > slots.count { grow() }
        let mask = mask
        let held = slots.withUnsafeMutableBufferPointer { slots -> Value? in
            var i = Int(truncatingIfNeeded: key.low) & mask
            while let held = slots[i].value {
                if slots[i].key == key { return held }
                i = (i + 1) & mask
            }
            slots[i] = Slot(key: key, value: value)
            return nil
        }
        if let held { return held }
        count += 1
        return value
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: Slot(key: Hash128(high: 0, low: 0), value: nil), count: old.count * 2)
        mask = slots.count - 1
        let mask = mask
        slots.withUnsafeMutableBufferPointer { slots in
            for slot in old where slot.value != nil {
                var i = Int(truncatingIfNeeded: slot.key.low) & mask
                while slots[i].value != nil { i = (i + 1) & mask }
                slots[i] = slot
            }
        }
    }
}
