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
/// Files are analyzed and finished in input order, except that a large file (`startsEarly`) is
/// started as soon as its window may be analyzed, one at a time: its analysis is one long task,
/// and a window is planned only once all its files are analyzed, so in input order it held up
/// the sequential plans behind it (traced on the licenses tree with two jobs: a 2 MB file's 49 ms
/// analysis began 22 ms into the run and the next plan waited for it, while the other worker
/// analyzed small files that were not yet needed). Results never depend on the schedule:
/// analysis is pure (its caches change speed only), planning is sequential in input order,
/// finishing is per file.
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
    /// The first file not yet taken for analysis.
    private var nextAnalyze = 0
    private var analyzedInWindow: [Int]
    /// Which files are taken for analysis (large ones may be taken before `nextAnalyze`).
    private var taken: [Bool]
    /// Which files are started as early as the depth allows (`init(windows:depth:startsEarly:)`).
    private let startsEarly: [Bool]
    /// Early-started files being analyzed now (at most one is started early at a time).
    private var earlyInFlight = 0
    /// The first early-start file not yet taken (none before it is untaken).
    private var nextEarly = 0
    /// Windows planned so far (they are planned in order).
    private var planned = 0
    private var planning = false
    private var nextFinish = 0
    private var finished: [Bool]
    private var nextDeliver = 0

    /// - Parameters:
    ///   - depth: how many windows may be in memory at once, from the first one not yet
    ///     delivered (at least 1).
    ///   - startsEarly: per file, whether it is large enough to be analyzed ahead of the files
    ///     before it (none when nil).
    init(windows: [Range<Int>], depth: Int, startsEarly: [Bool]? = nil) {
        self.windows = windows
        self.depth = max(depth, 1)
        let fileCount = windows.last?.upperBound ?? 0
        self.startsEarly = startsEarly ?? [Bool](repeating: false, count: fileCount)
        self.taken = [Bool](repeating: false, count: fileCount)
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
            if let file = nextToAnalyze() { return .analyze(file) }
            condition.wait()
        }
    }

    /// Takes the next file to analyze, if the depth allows one: the first early-start file not
    /// taken, when no early-start file is being analyzed, else the first file not taken.
    private func nextToAnalyze() -> Int? {
        let fileCount = taken.count
        let limit = Int(windowOf[nextDeliver]) + depth  // windows that may be analyzed: below this
        if earlyInFlight == 0 {
            nextEarly = max(nextEarly, nextAnalyze)
            while nextEarly < fileCount && (!startsEarly[nextEarly] || taken[nextEarly]) { nextEarly += 1 }
            if nextEarly < fileCount && Int(windowOf[nextEarly]) < limit { return take(nextEarly) }
        }
        while nextAnalyze < fileCount && taken[nextAnalyze] { nextAnalyze += 1 }
        guard nextAnalyze < fileCount && Int(windowOf[nextAnalyze]) < limit else { return nil }
        return take(nextAnalyze)
    }

    private func take(_ file: Int) -> Int {
        taken[file] = true
        if startsEarly[file] { earlyInFlight += 1 }
        return file
    }

    /// Records that `task` (returned by `next`) is complete.
    func complete(_ task: Task) {
        condition.lock()
        defer { condition.unlock() }
        switch task {
        case .analyze(let file):
            analyzedInWindow[Int(windowOf[file])] += 1
            if startsEarly[file] { earlyInFlight -= 1 }
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
