/// Values handed to parallel tasks one each: `take(i)` moves element `i` out, so the task that
/// took it holds the last reference and frees it on its own thread when done.
///
/// Unchecked Sendable is safe because each index is taken by exactly one task (the caller's
/// contract, as with `ParallelMap`'s indices), so no two threads touch the same element, and
/// the box is created before the tasks start and dropped after they all finish.
final class HandOver<Element>: @unchecked Sendable {
    private let base: UnsafeMutablePointer<Element?>
    private let count: Int

    init(_ elements: [Element]) {
        count = elements.count
        base = .allocate(capacity: count)
        for (i, element) in elements.enumerated() { (base + i).initialize(to: element) }
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    /// Element `index`, moved out; take each index once.
    func take(_ index: Int) -> Element {
        precondition(index >= 0 && index < count, "index out of range")
        guard let element = base[index] else { preconditionFailure("element \(index) taken twice") }
        base[index] = nil
        return element
    }
}
