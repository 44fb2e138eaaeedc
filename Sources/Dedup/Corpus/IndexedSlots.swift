/// One optional element per index, for parallel tasks that each own one index: a task stores its
/// result (`store`) or moves its input out (`take`, so the task holds the last reference and
/// frees it on its own thread).
///
/// Unchecked Sendable is safe because each index is used by one task at a time, and one task
/// hands it to the next through `WindowScheduler` (whose lock orders a store before the take
/// that follows it).
final class IndexedSlots<Element>: @unchecked Sendable {
    private let base: UnsafeMutablePointer<Element?>
    private let count: Int

    /// `count` empty slots.
    init(count: Int) {
        self.count = count
        base = .allocate(capacity: count)
        base.initialize(repeating: nil, count: count)
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    func store(_ value: Element, at index: Int) {
        precondition(index >= 0 && index < count, "index out of range")
        base[index] = value
    }

    /// Element `index`, moved out; take each index once.
    func take(_ index: Int) -> Element {
        precondition(index >= 0 && index < count, "index out of range")
        guard let element = base[index] else { preconditionFailure("slot \(index) is empty") }
        base[index] = nil
        return element
    }
}
