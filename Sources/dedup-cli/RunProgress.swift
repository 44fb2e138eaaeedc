import Synchronization

/// How far a run got: inputs finished (outputs complete and in place) of inputs to do. Shared
/// with the interruption handler, which reports it.
final class RunProgress: Sendable {
    private let counts: Mutex<(done: Int, total: Int)>

    init(total: Int) {
        counts = Mutex((done: 0, total: total))
    }

    /// Records one more finished input.
    func finishedOne() {
        counts.withLock { $0.done += 1 }
    }

    var snapshot: (done: Int, total: Int) {
        counts.withLock { $0 }
    }
}
