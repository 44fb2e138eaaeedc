/// One optional element per index, for parallel tasks that each own one index: a task stores its
/// result (`store`) or moves its input out (`take`, so the task holds the last reference and
/// frees it on its own thread), and the caller collects the results after all tasks are done.
///
/// Unchecked Sendable is safe because each index is claimed by exactly one task (`ParallelMap`
/// hands out indices once), so no two threads touch the same slot, and the slots are created
/// before the tasks start and read by the caller only after `concurrentPerform` has returned,
/// which orders every store before it.
final class IndexedSlots<Element>: @unchecked Sendable {
    private let base: UnsafeMutablePointer<Element?>
    private let count: Int

    /// `count` empty slots.
    init(count: Int) {
        self.count = count
        base = .allocate(capacity: count)
        base.initialize(repeating: nil, count: count)
    }

    /// One slot per element, filled.
    init(_ elements: [Element]) {
        count = elements.count
        base = .allocate(capacity: count)
        for (i, element) in elements.enumerated() { (base + i).initialize(to: element) }
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

    /// Every slot's element, in index order; every slot must be filled.
    func collect() -> [Element] {
        (0..<count).map { i in
            guard let element = base[i] else { preconditionFailure("slot \(i) was never filled") }
            return element
        }
    }
}
