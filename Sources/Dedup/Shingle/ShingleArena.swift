/// Many shingle sets stored back to back in one array: the kept-paragraph store.
///
/// Design note. One `[UInt32]` per kept paragraph costs a heap allocation, a 32-byte header and
/// the allocator's own overhead, and scatters the sets over the heap, so every candidate checked
/// is two cache misses (header, then values) before any work. Here a set is a range of one array,
/// named by its start; its size is kept by the caller next to its other per-paragraph fields.
/// Memory: 4 bytes per shingle, and for a set of `ShingleBitmap.minimumSetSize` shingles or more
/// its bitmap (0.25–0.5 bytes per shingle) right before it; growth doubles the array (amortized O(1)).
///
/// Limit: starts are `Int`, so the arena is bounded by memory only.
struct ShingleArena: Sendable {
    private(set) var values = HugePageArray<UInt32>()

    init() {}

    /// Bytes held by the arena (allocated capacity).
    var storageBytes: Int { values.storageBytes }

    /// Appends `set` (ascending), after its `ShingleBitmap` when it is large enough for one, and
    /// returns where the set starts.
    /// - Complexity: amortized O(|set|).
    mutating func append(_ set: UnsafeBufferPointer<UInt32>) -> Int {
        let words = ShingleBitmap.wordCount(forSetSize: set.count)
        if words > 0 {
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: words) { bitmap in
                ShingleBitmap.build(set, into: bitmap)
                values.append(contentsOf: UnsafeBufferPointer(bitmap))
            }
        }
        let start = values.count
        values.append(contentsOf: set)
        return start
    }

    /// The bitmap of the set of `size` shingles at `start` in `all` (the arena's values), or nil
    /// when the set is too small to have one.
    static func bitmap(ofSetAt start: Int, size: Int, in all: UnsafeBufferPointer<UInt32>) -> UnsafeBufferPointer<UInt32>? {
        let words = ShingleBitmap.wordCount(forSetSize: size)
        return words == 0 ? nil : UnsafeBufferPointer(rebasing: all[(start - words)..<start])
    }

    /// Calls `body` with the whole arena; a set is `arena[start ..< start + size]`.
    func withValues<R>(_ body: (UnsafeBufferPointer<UInt32>) -> R) -> R {
        values.withUnsafeBufferPointer(body)
    }
}
