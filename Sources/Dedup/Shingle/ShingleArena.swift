/// Many shingle sets stored back to back in one array: the kept-paragraph store.
///
/// Design note. One `[UInt32]` per kept paragraph costs a heap allocation, a 32-byte header and
/// the allocator's own overhead, and scatters the sets over the heap, so every candidate checked
/// is two cache misses (header, then values) before any work. Here a set is a range of one array,
/// named by its start; its size is kept by the caller next to its other per-paragraph fields.
/// Memory: 4 bytes per shingle, nothing per set; growth doubles the array (amortized O(1)).
///
/// Limit: starts are `Int`, so the arena is bounded by memory only.
struct ShingleArena: Sendable {
    private(set) var values = HugePageArray<UInt32>()

    init() {}

    /// Bytes held by the arena (allocated capacity).
    var storageBytes: Int { values.storageBytes }

    /// Appends `set` and returns where it starts.
    /// - Complexity: amortized O(|set|).
    mutating func append(_ set: UnsafeBufferPointer<UInt32>) -> Int {
        let start = values.count
        values.append(contentsOf: set)
        return start
    }

    /// Calls `body` with the whole arena; a set is `arena[start ..< start + size]`.
    func withValues<R>(_ body: (UnsafeBufferPointer<UInt32>) -> R) -> R {
        values.withUnsafeBufferPointer(body)
    }
}
