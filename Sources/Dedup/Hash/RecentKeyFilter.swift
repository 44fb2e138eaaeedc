/// Remembers recently seen exact keys in a fixed amount of memory: a direct-mapped table where a
/// new key overwrites whatever shared its slot.
///
/// Why: an analyzer defers the sketch of a paragraph whose key an earlier document had
/// (`DocumentAnalyzer.defersRepeatedSketches`); across the files of a crawl that is 14–45 % of
/// the paragraphs of the bench corpora. Remembering every key would grow with the corpus, per
/// worker; forgetting old ones only means a repeat of a forgotten key is sketched as before.
/// Nothing depends on what it answers beyond speed: a deferred sketch is computed when needed.
///
/// Memory: 16 bytes per slot, allocated on the first insert (4 MiB at the default 2¹⁸ slots).
struct RecentKeyFilter: Sendable {
    private var slots: [Hash128] = []
    private let mask: Int

    /// - Parameter slotsLog2: the table holds 2^slotsLog2 keys.
    init(slotsLog2: Int = 18) {
        mask = (1 << slotsLog2) - 1
    }

    /// Whether `key` was inserted and not overwritten since. Key 0 is never reported (an empty
    /// slot holds 0), which only costs a sketch.
    func contains(_ key: Hash128) -> Bool {
        guard !slots.isEmpty, key.low != 0 || key.high != 0 else { return false }
        return slots[Int(truncatingIfNeeded: key.low) & mask] == key
    }

    mutating func insert(_ key: Hash128) {
        if slots.isEmpty { slots = Array(repeating: Hash128(high: 0, low: 0), count: mask + 1) }
        slots[Int(truncatingIfNeeded: key.low) & mask] = key
    }
}
