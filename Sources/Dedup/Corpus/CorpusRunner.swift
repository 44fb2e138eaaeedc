import Dispatch
import Glibc

// Design note: the corpus streams through in windows of at most `windowFiles` inputs and
// `windowBytes` bytes. Each window goes through three separate phases:
//   1. read + decode + split + normalize + fingerprint, in parallel (pure, per-worker analyzers);
//   2. plan, sequentially in input order (the planner is the only state);
//   3. assemble + write, in parallel (each input to its own file, atomically).
// Then the window's results are handed to the caller in input order, and the window's text is
// dropped. With more than one job the phases form a pipeline: phase 1 of window k+1 and phase 3
// of window k-1 run in the background during phase 2 of window k, so at most three windows are
// in memory. The window size does not depend on `jobs`, and neither does anything phase 2 sees, so
// output and report are byte-identical for every `jobs` value.
//
// Memory: text is held only for three windows (a few times their size: raw, decoded, paragraphs,
// output). What grows with the corpus is the planner's index: for the exact index, one
// dictionary entry per distinct kept paragraph — a 16-byte key and a ParagraphRef (an 8-byte
// index and a 16-byte String sharing the document's id storage) — which with the table's load
// factor and the copy made while it grows comes to about 120 bytes per distinct paragraph at
// peak, plus each document's id once. Measured on the 50 MB news-like corpus (8124 files,
// ~128k distinct paragraphs): peak RSS 50 MB with `--scope corpus` against 35 MB with
// `--scope document` (no index), so the index cost 15.7 MB.

/// Runs a corpus through analysis, planning and output with `jobs` threads, deterministically.
public struct CorpusRunner: Sendable {
    public struct Options: Sendable {
        public var jobs: Int
        public var format: InputFormat
        public var textField: String
        public var idField: String
        /// Leave JSONL records whose cleaned text is empty out of the output.
        public var dropEmpty: Bool
        /// Replace existing output files (otherwise one that appeared since planning is an error).
        public var replaceExisting: Bool
        /// Render each input's `removed` report records (`FinishedUnit.reportLines`) in parallel.
        public var rendersReport = false
        public var windowFiles: Int
        public var windowBytes: Int
        /// `fsync` each output before renaming it. Off by default for corpus runs: one `fsync`
        /// per file cost more than all the analysis on the 8124-file news-like corpus; the caller
        /// syncs the output file system once at the end instead (`AtomicFileWriter.syncFileSystems`).
        public var syncsEachFile = false

        public init(
            jobs: Int, format: InputFormat = .text, textField: String = "text", idField: String = "id",
            dropEmpty: Bool = false, replaceExisting: Bool = false, windowFiles: Int = 256,
            windowBytes: Int = 16 << 20
        ) {
            self.jobs = jobs
            self.format = format
            self.textField = textField
            self.idField = idField
            self.dropEmpty = dropEmpty
            self.replaceExisting = replaceExisting
            self.windowFiles = windowFiles
            self.windowBytes = windowBytes
        }
    }

    public let configuration: DedupConfiguration
    public let options: Options

    public init(configuration: DedupConfiguration, options: Options) {
        self.configuration = configuration
        self.options = options
    }

    /// Cleans `files`, writing each to `destinations[i]`, and calls `onFinished` once per input,
    /// in input order, on the calling thread.
    /// - Parameter planner: decides removals; called in input order (see `DocumentPlanner`).
    /// - Complexity: O(total input size) time; memory bounded by three windows plus the planner's index.
    public func run<Planner: DocumentPlanner>(
        _ files: [CorpusInputFile], destinations: [OutputDestination], planner: inout Planner,
        onFinished: (FinishedUnit) -> Void
    ) {
        precondition(files.count == destinations.count, "one destination per input")
        let windows = windows(of: files)
        // A pipeline over windows: while the calling thread plans window k, window k+1 is being
        // analyzed and window k-1 assembled and written in the background (with `jobs > 1`), so
        // the sequential planning overlaps the parallel work instead of adding to it (Amdahl).
        var nextAnalysis: Pending<[AnalyzedUnit]>? = windows.first.map { startAnalysis(Array(files[$0])) }
        var finishing: Pending<[FinishedUnit]>? = nil
        for (index, window) in windows.enumerated() {
            // safe: `nextAnalysis` is set for every window index below windows.count
            let analyzed = nextAnalysis!.wait()
            nextAnalysis = index + 1 < windows.count ? startAnalysis(Array(files[windows[index + 1]])) : nil
            let plans = plan(analyzed, planner: &planner)
            let started = startFinish(
                analyzed, plans: plans, files: Array(files[window]), destinations: Array(destinations[window]))
            if let previous = finishing { previous.wait().forEach(onFinished) }
            finishing = started
        }
        if let last = finishing { last.wait().forEach(onFinished) }
        if !options.syncsEachFile && destinations.contains(where: { $0.filePath != nil }) {
            AtomicFileWriter.syncFileSystems()
        }
    }

    /// Consecutive ranges of at most `windowFiles` files and `windowBytes` bytes (at least one
    /// file each). Independent of `jobs`.
    func windows(of files: [CorpusInputFile]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        while start < files.count {
            var end = start
            var bytes = 0
            while end < files.count && end - start < options.windowFiles
                && (end == start || bytes + files[end].byteSize <= options.windowBytes)
            {
                bytes += files[end].byteSize
                end += 1
            }
            ranges.append(start..<end)
            start = end
        }
        return ranges
    }

    struct AnalyzedUnit: Sendable {
        enum Item: Sendable {
            case document(AnalyzedDocument, record: JSONLRecord?)
            case unusableRecord(line: [UInt8], error: JSONLRecordError)
        }
        var items: [Item] = []
        var bytesRead = 0
        var failure: InputError?
    }

    /// A phase's result for one window, computed in the background when `jobs > 1`, inline
    /// otherwise.
    final class Pending<Value: Sendable>: @unchecked Sendable {
        // Unchecked Sendable is safe: `value` is written once before `done.signal()` and read
        // only after `done.wait()`, which orders the write before the read.
        private var value: Value?
        private let done = DispatchSemaphore(value: 0)

        init(inline value: Value) {
            self.value = value
            done.signal()
        }

        init(background work: @escaping @Sendable () -> Value) {
            DispatchQueue.global().async { [self] in
                value = work()
                done.signal()
            }
        }

        /// Waits for the value; call once.
        func wait() -> Value {
            done.wait()
            return value!  // safe: set before the semaphore was signalled
        }
    }

    private func startAnalysis(_ files: [CorpusInputFile]) -> Pending<[AnalyzedUnit]> {
        let runner = self
        if options.jobs <= 1 { return Pending(inline: runner.analyze(files)) }
        return Pending(background: { runner.analyze(files) })
    }

    private func startFinish(
        _ analyzed: [AnalyzedUnit], plans: [[RemovalPlan]], files: [CorpusInputFile], destinations: [OutputDestination]
    ) -> Pending<[FinishedUnit]> {
        let runner = self
        if options.jobs <= 1 {
            return Pending(inline: runner.finish(analyzed, plans: plans, files: files, destinations: destinations))
        }
        return Pending(background: { runner.finish(analyzed, plans: plans, files: files, destinations: destinations) })
    }

    /// Phase 1: read, decode, analyze (parallel, pure).
    func analyze(_ files: [CorpusInputFile]) -> [AnalyzedUnit] {
        let configuration = configuration
        let loader = SourceLoader(format: options.format, textField: options.textField, idField: options.idField)
        return ParallelMap.map(
            count: files.count, workers: options.jobs, state: { DocumentAnalyzer(configuration: configuration) }
        ) { analyzer, index -> AnalyzedUnit in
            var unit = AnalyzedUnit()
            do throws(InputError) {
                let source = try loader.load(files[index])
                unit.bytesRead = source.bytesRead
                unit.items = source.items.map { item in
                    switch item {
                    case .document(let document):
                        .document(analyzer.analyze(document.decoded, id: document.id), record: document.record)
                    case .unusableRecord(let line, let error):
                        .unusableRecord(line: line, error: error)
                    }
                }
            } catch {
                unit.failure = error
            }
            return unit
        }
    }

    /// Phase 2: plan in input order (sequential, the only state).
    private func plan<Planner: DocumentPlanner>(_ analyzed: [AnalyzedUnit], planner: inout Planner) -> [[RemovalPlan]] {
        analyzed.map { unit in
            var plans: [RemovalPlan] = []
            for case .document(let document, _) in unit.items {
                plans.append(planner.plan(for: document))
            }
            return plans
        }
    }

    /// Phase 3: assemble and write (parallel, each input to its own output).
    func finish(
        _ analyzed: [AnalyzedUnit], plans: [[RemovalPlan]], files: [CorpusInputFile], destinations: [OutputDestination]
    ) -> [FinishedUnit] {
        let options = options
        return ParallelMap.map(count: files.count, workers: options.jobs, state: { () }) { _, index in
            Self.finish(
                analyzed[index], plans: plans[index], file: files[index], destination: destinations[index],
                options: options)
        }
    }

    private static func finish(
        _ unit: AnalyzedUnit, plans: [RemovalPlan], file: CorpusInputFile, destination: OutputDestination,
        options: Options
    ) -> FinishedUnit {
        var finished = FinishedUnit(
            file: file, documents: [], unusableRecords: [], inputFailure: unit.failure, outputFailure: nil,
            output: nil, bytesRead: unit.bytesRead, bytesWritten: 0, reportLines: [])
        if unit.failure != nil { return finished }
        let assembler = CleanedTextAssembler()
        var output: [UInt8] = []
        var planIndex = 0
        for item in unit.items {
            switch item {
            case .unusableRecord(let line, let error):
                finished.unusableRecords.append(error)
                output += line
                output.append(0x0A)
            case .document(let document, let record):
                let plan = plans[planIndex]
                planIndex += 1
                var text = assembler.assemble(document, plan: plan)
                var dropped = false
                if let record {
                    if text.last == 0x0A { text.removeLast() }  // a record's text has no final newline
                    dropped = options.dropEmpty && text.isEmpty
                    if !dropped {
                        output += record.replacingText(with: text)
                        output.append(0x0A)
                    }
                } else {
                    output += text
                }
                finished.documents.append(DocumentOutcome(
                    id: document.id, plan: plan, paragraphCount: document.paragraphs.count,
                    inputBytes: document.decoded.bytes.count, outputBytes: dropped ? 0 : text.count,
                    replacedSequences: document.decoded.replacedSequences,
                    firstReplacementLine: document.decoded.firstReplacementLine, dropped: dropped))
            }
        }
        finished.bytesWritten = output.count
        if options.rendersReport {
            for document in finished.documents {
                for removal in document.plan.removals {
                    finished.reportLines += ReportRecord.removed(document: document.id, removal: removal).jsonLine()
                    finished.reportLines.append(0x0A)
                }
            }
        }
        switch destination {
        case .file(let path):
            do {
                try Self.createParentDirectories(of: path)
                try AtomicFileWriter(syncsEachFile: options.syncsEachFile).write(output, to: path, replace: options.replaceExisting)
            } catch {
                finished.outputFailure = error
            }
        case .caller:
            finished.output = output
        case .discard:
            break
        }
        return finished
    }

    /// `mkdir -p` for the directory holding `path`.
    static func createParentDirectories(of path: String) throws(OutputError) {
        let directory = AtomicFileWriter.directory(of: path)
        var info = stat()
        if stat(directory, &info) == 0 { return }
        var prefix = directory.hasPrefix("/") ? "" : "."
        for component in directory.split(separator: "/") {
            prefix += "/" + component
            if mkdir(prefix, 0o755) != 0 && errno != EEXIST {
                throw .writeFailed(path: path, message: "cannot create directory \(prefix): \(String(cString: strerror(errno)))")
            }
        }
    }
}
