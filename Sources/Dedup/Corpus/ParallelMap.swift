import Dispatch
import Foundation

/// Maps `0..<count` on `workers` threads with `DispatchQueue.concurrentPerform`, one worker per
/// thread with its own scratch state, items claimed one at a time so uneven items balance.
/// Results come back in index order, so the caller sees no difference between 1 and N workers.
/// (A `TaskGroup` was measured erratic here: blocking file reads hold cooperative threads.)
enum ParallelMap {
    static func map<State, Result: Sendable>(
        count: Int, workers: Int, state makeState: @Sendable () -> State,
        _ body: @Sendable (inout State, Int) -> Result
    ) -> [Result] {
        if workers <= 1 || count <= 1 {
            var state = makeState()
            return (0..<count).map { body(&state, $0) }
        }
        let slots = IndexedSlots<Result>(count: count)
        let dispenser = IndexDispenser(count: count)
        DispatchQueue.concurrentPerform(iterations: min(workers, count)) { _ in
            var state = makeState()
            while let index = dispenser.claim() {
                slots.store(body(&state, index), at: index)
            }
        }
        return slots.collect()
    }

    /// As `map(count:workers:state:_:)`, but each worker's state lives in `states` (one per
    /// worker, at most `states.count` workers) and carries over to the next call: a worker's
    /// caches outlive one batch. Which worker handles which index varies from run to run, so
    /// a result must not depend on the state beyond speed.
    static func map<State, Result: Sendable>(
        count: Int, states: inout [State], _ body: @Sendable (inout State, Int) -> Result
    ) -> [Result] {
        precondition(!states.isEmpty, "at least one worker")
        if states.count == 1 || count <= 1 {
            return (0..<count).map { body(&states[0], $0) }
        }
        let slots = IndexedSlots<Result>(count: count)
        let dispenser = IndexDispenser(count: count)
        let workers = min(states.count, count)
        states.withUnsafeMutableBufferPointer { states in
            let shared = WorkerStates(base: states.baseAddress)
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                // Each iteration of concurrentPerform has its own `worker`, so no two threads
                // touch the same state.
                guard let state = shared.base?.advanced(by: worker) else { return }
                while let index = dispenser.claim() {
                    slots.store(body(&state.pointee, index), at: index)
                }
            }
        }
        return slots.collect()
    }

    /// The workers' states for one `concurrentPerform`. Unchecked Sendable is safe: worker `i`
    /// only touches element `i`, and the buffer outlives the call.
    private struct WorkerStates<State>: @unchecked Sendable {
        let base: UnsafeMutablePointer<State>?
    }

    /// Hands out each index once.
    private final class IndexDispenser: @unchecked Sendable {
        private let lock = NSLock()
        private var next = 0
        private let count: Int

        init(count: Int) { self.count = count }

        func claim() -> Int? {
            lock.lock()
            defer { lock.unlock() }
            guard next < count else { return nil }
            next += 1
            return next - 1
        }
    }
}

