import Dispatch
import Foundation
import Testing
@testable import Dedup

@Suite struct WindowSchedulerTests {
    /// Windows of uneven sizes, as a corpus with a big file gives.
    static let windows: [Range<Int>] = {
        var ranges: [Range<Int>] = []
        var start = 0
        for size in [3, 1, 5, 2, 1, 1, 4, 6, 2, 3] {
            ranges.append(start..<(start + size))
            start += size
        }
        return ranges
    }()

    /// What the workers did, checked against the rules every schedule must keep.
    final class Log: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var entries: [(worker: Int, task: WindowScheduler.Task)] = []
        func record(_ task: WindowScheduler.Task, by worker: Int = 0) { lock.withLock { entries.append((worker, task)) } }
        var events: [WindowScheduler.Task] { lock.withLock { entries.map(\.task) } }
    }

    /// Checks a run's events (in the order their tasks started, as the workers logged them)
    /// against the rules: every file analyzed, finished and delivered once, each worker taking
    /// its files in input order, delivery in input order; windows planned once, in order, each
    /// after all its files were analyzed; a file finished after its window was planned; at most
    /// `depth` windows between the first undelivered one and any analyzed one. (Two workers handed
    /// consecutive files may log them in either order, so only each worker's own log is ordered.)
    static func check(
        _ started: [(worker: Int, task: WindowScheduler.Task)], completed: [WindowScheduler.Task], depth: Int,
        startsEarly: Set<Int> = []
    ) {
        let files = windows.last?.upperBound ?? 0
        let window = { (file: Int) in windows.firstIndex { $0.contains(file) } ?? -1 }
        let analyzedBy = { (worker: Int?) in
            started.compactMap { entry -> Int? in
                guard worker == nil || entry.worker == worker, case .analyze(let f) = entry.task else { return nil }
                return f
            }
        }
        let finishedBy = { (worker: Int?) in
            started.compactMap { entry -> Int? in
                guard worker == nil || entry.worker == worker, case .finish(let f) = entry.task else { return nil }
                return f
            }
        }
        #expect(analyzedBy(nil).sorted() == Array(0..<files))
        #expect(finishedBy(nil).sorted() == Array(0..<files))
        for worker in Set(started.map(\.worker)) {
            // Early-start files may come before the files ahead of them; the rest keep input order.
            let inOrder = analyzedBy(worker).filter { !startsEarly.contains($0) }
            #expect(inOrder == inOrder.sorted(), "worker \(worker) analyzed out of input order")
            #expect(finishedBy(worker) == finishedBy(worker).sorted(), "worker \(worker) finished out of input order")
        }
        let events = started.map(\.task)
        #expect(events.compactMap { if case .deliver(let f) = $0 { f } else { nil } } == Array(0..<files))
        #expect(events.compactMap { if case .plan(let w) = $0 { w } else { nil } } == Array(windows.indices))
        // Ordering rules, on completion order (a task may start only after what it needs completed).
        var analyzed = Set<Int>(), planned = Set<Int>(), delivered = 0
        for task in completed {
            switch task {
            case .analyze(let f):
                #expect(window(f) < window(min(delivered, files - 1)) + depth, "file \(f) analyzed too far ahead")
                analyzed.insert(f)
            case .plan(let w):
                #expect(windows[w].allSatisfy(analyzed.contains), "window \(w) planned before its files were analyzed")
                #expect(planned.count == w)
                planned.insert(w)
            case .finish(let f): #expect(planned.contains(window(f)), "file \(f) finished before its window was planned")
            case .deliver: delivered += 1
            case .done: break
            }
        }
    }

    @Test func oneWorkerRunsEveryTaskInOrder() {
        let scheduler = WindowScheduler(windows: Self.windows, depth: 2)
        var events: [WindowScheduler.Task] = []
        while case let task = scheduler.next(delivers: true), task != .done {
            events.append(task)
            scheduler.complete(task)
        }
        Self.check(events.map { (0, $0) }, completed: events, depth: 2)
        // One worker: a window is planned as soon as its last file is analyzed, finished and
        // delivered before the next one is analyzed (priorities: deliver, plan, finish, analyze).
        #expect(Array(events.prefix(9)) == [
            .analyze(0), .analyze(1), .analyze(2), .plan(0), .finish(0), .deliver(0), .finish(1), .deliver(1), .finish(2),
        ])
    }

    /// A large file is analyzed as soon as its window may be, ahead of the files before it, one
    /// large file at a time; one beyond the depth waits its turn.
    @Test func largeFilesStartAsEarlyAsTheDepthAllows() {
        // Windows 0..<3, 3..<4, 4..<9, …; files 3 (window 1) and 6 (window 2) are large.
        let early = [3, 6]
        let files = Self.windows.last?.upperBound ?? 0
        let scheduler = WindowScheduler(
            windows: Self.windows, depth: 2, startsEarly: (0..<files).map { early.contains($0) })
        var events: [WindowScheduler.Task] = []
        while case let task = scheduler.next(delivers: true), task != .done {
            events.append(task)
            scheduler.complete(task)
        }
        Self.check(events.map { (0, $0) }, completed: events, depth: 2, startsEarly: Set(early))
        #expect(Array(events.prefix(6)) == [.analyze(3), .analyze(0), .analyze(1), .analyze(2), .plan(0), .plan(1)])
        // File 6 (window 2) only once window 0 is delivered, then before files 4 and 5.
        let analyzed = events.compactMap { if case .analyze(let f) = $0 { f } else { nil } }
        #expect(Array(analyzed.prefix(7)) == [3, 0, 1, 2, 6, 4, 5])
        #expect(events.firstIndex(of: .deliver(2))! < events.firstIndex(of: .analyze(6))!)
    }

    /// Runs `scheduler` with `workers` threads (the calling one delivers) taking tasks of uneven
    /// lengths, and checks the rules on what they did.
    static func runAndCheck(_ scheduler: WindowScheduler, workers: Int, depth: Int, startsEarly: Set<Int> = []) {
        let started = Log(), completed = Log()
        let group = DispatchGroup()
        for worker in 1..<workers {
            DispatchQueue.global().async(group: group) {
                while case let task = scheduler.next(delivers: false), task != .done {
                    started.record(task, by: worker)
                    usleep(UInt32.random(in: 0...200))  // uneven task lengths
                    completed.record(task)
                    scheduler.complete(task)
                }
            }
        }
        while case let task = scheduler.next(delivers: true), task != .done {
            started.record(task)
            completed.record(task)
            scheduler.complete(task)
        }
        group.wait()
        check(started.entries, completed: completed.events, depth: depth, startsEarly: startsEarly)
    }

    @Test(arguments: [2, 3, 4])
    func workersKeepTheRulesWithLargeFiles(workers: Int) {
        let early: Set<Int> = [3, 6, 7, 15, 20]
        let files = Self.windows.last?.upperBound ?? 0
        for depth in [1, 2, 4] {
            let scheduler = WindowScheduler(
                windows: Self.windows, depth: depth, startsEarly: (0..<files).map { early.contains($0) })
            Self.runAndCheck(scheduler, workers: workers, depth: depth, startsEarly: early)
        }
    }

    @Test(arguments: [2, 3, 4])
    func workersKeepTheRules(workers: Int) {
        for depth in [1, 2, 4] {
            Self.runAndCheck(WindowScheduler(windows: Self.windows, depth: depth), workers: workers, depth: depth)
        }
    }

    /// Nothing is delivered while the calling thread is away: a background worker analyzes,
    /// plans and finishes the first `depth` windows, then waits instead of reading more.
    @Test func analysisWaitsForDeliveryBeyondTheDepth() {
        let depth = 3
        let scheduler = WindowScheduler(windows: Self.windows, depth: depth)
        let started = Log()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) {
            while case let task = scheduler.next(delivers: false), task != .done {
                started.record(task)
                scheduler.complete(task)
            }
        }
        let firstFiles = Self.windows[depth - 1].upperBound
        // Wait until the worker has finished what it may (up to 10 s on a loaded machine), then
        // give it time to overstep if it would.
        let isFinish = { (task: WindowScheduler.Task) in if case .finish = task { true } else { false } }
        for _ in 0..<1000 where started.events.filter(isFinish).count < firstFiles { usleep(10_000) }
        usleep(50_000)
        let early = started.events
        #expect(early.filter { if case .analyze = $0 { true } else { false } }.count == firstFiles)
        #expect(early.filter { if case .finish = $0 { true } else { false } }.count == firstFiles)
        #expect(early.contains(.plan(depth - 1)) && !early.contains(.plan(depth)))
        // Delivering lets the run go on to the end (the calling thread takes tasks too).
        while case let task = scheduler.next(delivers: true), task != .done {
            started.record(task)
            scheduler.complete(task)
        }
        group.wait()
        #expect(started.events.filter { if case .analyze = $0 { true } else { false } }.count == Self.windows.last?.upperBound)
    }
}
