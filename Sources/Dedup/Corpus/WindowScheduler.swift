/// Decides what each worker of a corpus run does next: analyze a file, plan a window, finish a
/// file, or (the calling thread only) hand a finished file to the caller. No barrier between
/// windows: a worker takes the next task as soon as it is free.
///
/// Design note. The run used to advance in lock-step (one parallel map per step: plan window
/// s−1 beside the analysis of window s and the finishing of window s−2). A window whose planning
/// took longer than the step's other work left the other core idle until the barrier; on the
/// zh tree that was three steps in ten, and a large file (a window of its own) did the same to
/// the analysis. Here planning is still one window at a time in input order (the planner is the
/// only state), but every other task waits only for what it needs: a file is finished once its
/// window is planned, a window is planned once all its files are analyzed, and analysis runs
/// ahead of delivery by at most `depth` windows, which bounds memory.
///
/// Priorities: delivery (frees memory), planning (the sequential path), finishing, analysis.
/// Files are analyzed and finished in input order, so a worker's analyzer sees its documents in
/// input order, as with one job. Results never depend on the schedule: analysis is pure (its
/// caches change speed only), planning is sequential in input order, finishing is per file.
///
/// Unchecked Sendable: every field is read and written under `condition`'s lock.
final class WindowScheduler: @unchecked Sendable {
    enum Task: Equatable {
        /// Hand file `i`'s finished unit to the caller (the calling thread only).
        case deliver(Int)
        /// Plan window `w`.
        case plan(Int)
        /// Finish (assemble and write) file `i`.
        case finish(Int)
        /// Read and analyze file `i`.
        case analyze(Int)
        /// Every file is delivered.
        case done
    }

    private let condition = ConditionLock()
    private let windows: [Range<Int>]
    /// The window of each file.
    private let windowOf: [Int32]
    private let depth: Int
    private var nextAnalyze = 0
    private var analyzedInWindow: [Int]
    /// Windows planned so far (they are planned in order).
    private var planned = 0
    private var planning = false
    private var nextFinish = 0
    private var finished: [Bool]
    private var nextDeliver = 0

    /// - Parameter depth: how many windows may be in memory at once, from the first one not yet
    ///   delivered (at least 1).
    init(windows: [Range<Int>], depth: Int) {
        self.windows = windows
        self.depth = max(depth, 1)
        let fileCount = windows.last?.upperBound ?? 0
        var windowOf = [Int32](repeating: 0, count: fileCount)
        for (w, range) in windows.enumerated() {
            for file in range { windowOf[file] = Int32(w) }  // fewer windows than files: fits
        }
        self.windowOf = windowOf
        analyzedInWindow = [Int](repeating: 0, count: windows.count)
        finished = [Bool](repeating: false, count: fileCount)
    }

    /// The next task for a worker, waiting until there is one; `.done` once every file is
    /// delivered.
    /// - Parameter delivers: whether this worker hands finished files to the caller.
    func next(delivers: Bool) -> Task {
        condition.lock()
        defer { condition.unlock() }
        let fileCount = finished.count
        while true {
            if nextDeliver == fileCount { return .done }
            // Asked again only after `complete(.deliver)`: one worker delivers, one file at a time.
            if delivers && finished[nextDeliver] { return .deliver(nextDeliver) }
            if !planning && planned < windows.count && analyzedInWindow[planned] == windows[planned].count {
                planning = true
                return .plan(planned)
            }
            if nextFinish < fileCount && Int(windowOf[nextFinish]) < planned {
                nextFinish += 1
                return .finish(nextFinish - 1)
            }
            if nextAnalyze < fileCount && Int(windowOf[nextAnalyze]) < Int(windowOf[nextDeliver]) + depth {
                nextAnalyze += 1
                return .analyze(nextAnalyze - 1)
            }
            condition.wait()
        }
    }

    /// Records that `task` (returned by `next`) is complete.
    func complete(_ task: Task) {
        condition.lock()
        defer { condition.unlock() }
        switch task {
        case .analyze(let file): analyzedInWindow[Int(windowOf[file])] += 1
        case .plan:
            planning = false
            planned += 1
        case .finish(let file): finished[file] = true
        case .deliver: nextDeliver += 1  // may let analysis run further ahead
        case .done: return
        }
        condition.broadcast()
    }

    /// The window file `file` belongs to.
    func window(of file: Int) -> Int { Int(windowOf[file]) }
}
