// What the workers of `CorpusRunner.run` share: the slots a window's files pass through, the
// analyzers, and the three kinds of work (`WindowScheduler` decides which runs when).
extension CorpusRunner {
    /// Windows in memory at once: the one being delivered, up to `windowsInFlight − 1` analyzed
    /// ahead of it (see `WindowScheduler`). Four lets analysis run a window further ahead than the
    /// three of the lock-step pipeline this replaced, so a window that is slow to plan no longer
    /// idles the other workers.
    static let windowsInFlight = 4

    /// What a window's files carry from one phase to the next, indexed by position in the window.
    /// Reused for every `windowsInFlight`-th window: the scheduler starts analyzing window w only
    /// once window w − `windowsInFlight` is delivered, and every phase takes what it reads.
    final class WindowSlots: Sendable {
        let analyzed: IndexedSlots<AnalyzedUnit>
        let planned: IndexedSlots<PlannedUnit>
        let finished: IndexedSlots<FinishedUnit>

        init(capacity: Int) {
            analyzed = IndexedSlots(count: capacity)
            planned = IndexedSlots(count: capacity)
            finished = IndexedSlots(count: capacity)
        }
    }

    /// What a worker keeps from task to task: its analyzer, and its assembler (whose normalizer
    /// buffers are reused from file to file).
    struct WorkerState: Sendable {
        var analyzer: DocumentAnalyzer
        var assembler: CleanedTextAssembler
    }

    /// The states of the workers. Unchecked Sendable is safe: worker `i` only touches element
    /// `i`, and the buffer outlives every worker (the calling thread waits for them).
    struct WorkerStates: @unchecked Sendable {
        let base: UnsafeMutablePointer<WorkerState>?
    }

    /// The three kinds of work a worker does, with everything they read.
    struct WindowWork<Planner: DocumentPlanner>: Sendable {
        let files: [CorpusInputFile]
        let destinations: [OutputDestination]
        let windows: [Range<Int>]
        let ring: [WindowSlots]
        let planner: PlannerBox<Planner>
        let directories: OutputDirectories
        let loader: SourceLoader
        let configuration: DedupConfiguration
        let options: Options

        /// The slots of `file`'s window and its position there.
        func place(of file: Int, scheduler: WindowScheduler) -> (slots: WindowSlots, index: Int) {
            let w = scheduler.window(of: file)
            return (ring[w % ring.count], file - windows[w].lowerBound)
        }

        func run(_ task: WindowScheduler.Task, scheduler: WindowScheduler, state: inout WorkerState) {
            switch task {
            case .analyze(let file):
                let (slots, i) = place(of: file, scheduler: scheduler)
                state.analyzer.inputPosition = UInt32(clamping: file)
                slots.analyzed.store(CorpusRunner.analyze(files[file], loader: loader, analyzer: &state.analyzer), at: i)
            case .plan(let w):
                let slots = ring[w % ring.count]
                let range = windows[w]
                var units = (0..<range.count).map { slots.analyzed.take($0) }
                let plans = planner.plan(&units, files: Array(files[range]))
                // Handed over, not shared: each finish task takes its unit and frees it on its own
                // thread (freeing a window's arrays on one thread was ~7 % of a two-job news-like run).
                for (i, (unit, plan)) in zip(units, plans).enumerated() {
                    slots.analyzed.store(unit, at: i)
                    slots.planned.store(plan, at: i)
                }
            case .finish(let file):
                let (slots, i) = place(of: file, scheduler: scheduler)
                let started = ContinuousClock.now
                var finished = CorpusRunner.finish(
                    slots.analyzed.take(i), plans: slots.planned.take(i), file: files[file],
                    destination: destinations[file], options: options,
                    assembler: &state.assembler, directories: directories)
                finished.timings.assembleWrite = StageTimings.seconds(ContinuousClock.now - started)
                slots.finished.store(finished, at: i)
            case .deliver, .done:
                preconditionFailure("delivered by the calling thread")
            }
        }
    }
}
