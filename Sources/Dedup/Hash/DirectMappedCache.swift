/// Values by exact key for recently seen keys, in a fixed number of slots: a direct-mapped table
/// where a new key overwrites whatever shared its slot, so memory never grows with a corpus.
///
/// Why: deferred sketches (`DocumentAnalyzer.defersRepeatedSketches`) need two memories that
/// may forget — the analyzers' keys of earlier documents (`SharedKeyTags`) and the planner's
/// sketches of removed near repeats and fragments, kept here (forgetting one only means a
/// deferred repeat of it is sketched again from its text). Nothing depends on what it answers
/// beyond speed; a sketch is only returned for its whole exact key.
///
/// Memory: 2^slotsLog2 slots of 16 bytes plus the value (40 for a `SimilaritySketch`, whose
/// arrays are held too), allocated on the first insert.
struct DirectMappedCache<Value: Sendable>: Sendable {
    private struct Slot: Sendable {
        var key: Hash128
        var value: Value?
    }

    private var slots: [Slot] = []
    private let mask: Int

    /// - Parameter slotsLog2: the table holds 2^slotsLog2 keys.
    init(slotsLog2: Int) {
        mask = (1 << slotsLog2) - 1
    }

    /// The value last inserted for `key`, unless another key took its slot since.
    func value(for key: Hash128) -> Value? {
        guard !slots.isEmpty else { return nil }
        let slot = slots[Int(truncatingIfNeeded: key.low) & mask]
        return slot.key == key ? slot.value : nil
    }

    mutating func insert(_ value: Value, for key: Hash128) {
        if slots.isEmpty { slots = Array(repeating: Slot(key: Hash128(high: 0, low: 0), value: nil), count: mask + 1) }
        slots[Int(truncatingIfNeeded: key.low) & mask] = Slot(key: key, value: value)
    }
}
