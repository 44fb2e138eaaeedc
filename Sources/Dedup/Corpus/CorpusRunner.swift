import Dispatch
import Glibc

// Design note: the corpus streams through in windows of at most `windowFiles` inputs and
// `windowBytes` bytes. Each window goes through three separate phases:
//   1. read + decode + split + normalize + fingerprint, in parallel (pure, per-worker analyzers);
//   2. plan, sequentially in input order (the planner is the only state);
//   3. assemble + write, in parallel (each input to its own file, atomically).
// Then the window's results are handed to the caller in input order, and the window's text is
// dropped. The phases overlap across windows without barriers (`WindowScheduler`): while one
// worker plans window k, the others finish window k−1 and analyze windows k+1 and k+2; at most
// `windowsInFlight` (4) windows are in memory.
//
// Memory: text is held only for four windows (a few times their size: raw, decoded, paragraphs,
// output); a large JSONL file is cut into parts of `partBytes` so it streams too. What grows
// with the corpus is the planner's index (see `KeptParagraphIndex` and
// `DuplicateDetector.indexFootprint`): per kept paragraph an exact-key entry, LSH band entries,
// winnowing anchors and the shingle set kept for verification, 1.5–2.8 KB measured on the bench
// corpora, plus each document's id once. Peak RSS on the 50 MB news-like corpus (8124 files):
// about 170 MB with windows of 256 files / 2 MiB (275 MB with 1024 / 8 MiB, no faster).

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
        /// JSONL files larger than this (not gzip-compressed) are read in parts of about this
        /// size, so one big export is analyzed on every core with bounded memory.
        public var partBytes = 1 << 20
        /// Text files larger than this (not gzip-compressed, ASCII-compatible encoding) are read
        /// in parts of about this size, cut after empty lines (`TextPartPlanner`): the parts are
        /// paragraphs of one document, so a file of gigabytes needs memory for a few parts only.
        public var textPartBytes = 4 << 20
        /// `fsync` each output before renaming it. Off by default for corpus runs: one `fsync`
        /// per file cost more than all the analysis on the 8124-file news-like corpus; the caller
        /// syncs the output file systems once at the end instead
        /// (`AtomicFileWriter.syncFileSystems(holding:)`).
        public var syncsEachFile = false
        /// Every temporary output file is registered here, so an interrupted run can remove them.
        public var temporaryFiles = TemporaryFileRegistry()
        /// The output files lie in a staging tree registered with `temporaryFiles`, which the
        /// caller renames into place when the run ends: each is written directly under its name
        /// (`AtomicFileWriter.writeNew`), without a temporary file and a rename of its own.
        public var writesIntoStagingTree = false

        public init(
            jobs: Int, format: InputFormat = .text, textField: String = "text", idField: String = "id",
            dropEmpty: Bool = false, replaceExisting: Bool = false, windowFiles: Int = 256,
            windowBytes: Int = 2 << 20
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
    /// - Complexity: O(total input size) time; memory bounded by four windows plus the planner's index.
    public func run<Planner: DocumentPlanner>(
        _ files: [CorpusInputFile], destinations: [OutputDestination], planner: inout Planner,
        onFinished: (FinishedUnit) -> Void
    ) {
        precondition(files.count == destinations.count, "one destination per input")
        let (files, destinations) = splitIntoParts(files, destinations)
        let windows = windows(of: files)
        var textPartReport = TextPartReport(rendersReport: options.rendersReport)
        // A part's size is its own (`splitIntoParts`), so this is the input of the whole run.
        let inputBytes = files.reduce(0) { $0 + $1.byteSize }
        let box = PlannerBox(planner, totalBytes: inputBytes)
        let directories = OutputDirectories(staging: options.writesIntoStagingTree ? options.temporaryFiles : nil)
        var parts = PartWriter(
            replaceExisting: options.replaceExisting, registry: options.temporaryFiles, directories: directories)
        var prototype = DocumentAnalyzer(configuration: configuration)
        prototype.fingerprints = planner.readsFingerprints
        if planner.acceptsDeferredSketches {
            prototype.earlierKeys = SharedKeyTags(slotsLog2: SharedKeyTags.slotsLog2(forInputBytes: inputBytes))
        }
        // One analyzer per worker for the whole run, all sharing the prototype's table of the keys
        // earlier documents had (`defersRepeatedSketches`). Copies of one prototype: per-configuration
        // set-up is done once (a value: its scratch buffers are copied on first write).
        let workers = max(options.jobs, 1)
        var states = Array(
            repeating: WorkerState(analyzer: prototype, assembler: CleanedTextAssembler(options: configuration.normalization)),
            count: workers)
        // A file over an eighth of a window (256 KiB by default) is one long analysis task:
        // started as soon as its window may be analyzed (see `WindowScheduler`). On the licenses
        // tree with two jobs: 0.960 (faster in 12 of 12), one job 0.988.
        let scheduler = WindowScheduler(
            windows: windows, depth: Self.windowsInFlight,
            startsEarly: files.map { $0.byteSize > options.windowBytes / 8 })
        let largestWindow = windows.map(\.count).max() ?? 0
        let ring = (0..<Self.windowsInFlight).map { _ in WindowSlots(capacity: largestWindow) }
        let loader = SourceLoader(
            format: options.format, textField: options.textField, idField: options.idField, input: configuration.input)
        let work = WindowWork(
            files: files, destinations: destinations, windows: windows, ring: ring, planner: box,
            directories: directories, loader: loader, configuration: configuration, options: options)
        states.withUnsafeMutableBufferPointer { states in
            let states = WorkerStates(base: states.baseAddress)
            let background = DispatchGroup()
            // Worker 0 is the calling thread, which also hands finished files to `onFinished`.
            for worker in 1..<workers {
                DispatchQueue.global().async(group: background) {
                    // Each worker has its own state: element `worker`, touched by no other thread.
                    guard let state = states.base?.advanced(by: worker) else { return }
                    while case let task = scheduler.next(delivers: false), task != .done {
                        work.run(task, scheduler: scheduler, state: &state.pointee)
                        scheduler.complete(task)
                    }
                }
            }
            guard let state = states.base else { return }  // workers ≥ 1, so never nil
            while case let task = scheduler.next(delivers: true), task != .done {
                if case .deliver(let file) = task {
                    let (slots, i) = work.place(of: file, scheduler: scheduler)
                    var unit = slots.finished.take(i)
                    if unit.file.isPart, case .file(let path) = destinations[file] {
                        parts.write(&unit, to: path)
                    }
                    textPartReport.take(&unit)
                    onFinished(unit)
                } else {
                    work.run(task, scheduler: scheduler, state: &state.pointee)
                }
                scheduler.complete(task)
            }
            background.wait()
        }
        planner = box.planner
        if !options.syncsEachFile {
            let written = directories.all
            if !written.isEmpty { AtomicFileWriter.syncFileSystems(holding: written) }
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
        var lineCount = 0
        var failure: InputError?
        var timings = StageTimings()

        /// Numbers the paragraphs of a text part's one document from `first`, in place: the
        /// document's paragraph array is let go by `items` first, so the renumbering writes into
        /// it instead of copying it (a copy of every `AnalyzedParagraph` of a 4 MiB part was a
        /// quarter of the page faults of a run on one large file).
        mutating func numberTextPartParagraphs(from first: Int) {
            guard items.count == 1, case .document(var document, let record) = items[0] else { return }
            items = []
            document.numberParagraphs(from: first)
            items = [.document(document, record: record)]
        }
    }

    /// Holds the planner while the workers run. Unchecked Sendable is safe: only `.plan` tasks
    /// touch it, the scheduler hands out one at a time (each after the previous one completed,
    /// ordered by its lock), and the calling thread reads it back after every worker is done.
    final class PlannerBox<Planner: DocumentPlanner>: @unchecked Sendable {
        var planner: Planner
        /// Bytes of the run's inputs, and of those planned so far: the planner sizes its index
        /// by how far through the input it is (`DocumentPlanner.expectInput`).
        private let totalBytes: Int
        private var plannedBytes = 0

        init(_ planner: Planner, totalBytes: Int) {
            self.planner = planner
            self.totalBytes = totalBytes
        }

        /// Lines in the earlier parts of the file being read in parts.
        private var lineOffset = 0
        /// Paragraphs in the earlier parts of the text file being read in parts.
        private var paragraphOffset = 0

        /// Phase 2: plan a window's documents in input order (sequential, the only state).
        /// Records of later parts of a file that are named by line number are renumbered here,
        /// where the lines of all earlier parts are known; the paragraphs of a text part are
        /// numbered here, in `window`, as paragraphs of the whole file, for this phase and the next.
        func plan(_ window: inout [AnalyzedUnit], files: [CorpusInputFile]) -> [PlannedUnit] {
            window.indices.map { u in
                let file = files[u]
                if file.isFirstPart {
                    lineOffset = 0
                    paragraphOffset = 0
                }
                let offset = lineOffset
                let firstParagraph = paragraphOffset
                var plans: [RemovalPlan] = []
                let start = ContinuousClock.now
                if file.isTextPart { window[u].numberTextPartParagraphs(from: firstParagraph) }
                let unit = window[u]
                planner.expectInput(planned: plannedBytes, of: totalBytes)
                plannedBytes += file.byteSize
                for case .document(var document, let record) in unit.items {
                    if offset > 0, let record, record.id == nil {
                        document.id = DocumentID("\(file.documentName):\(record.lineNumber + offset)")
                    }
                    if file.isTextPart { paragraphOffset += document.paragraphs.count }
                    plans.append(planner.plan(for: document))
                }
                lineOffset += unit.lineCount
                return PlannedUnit(
                    plans: plans, lineOffset: offset,
                    detectSeconds: StageTimings.seconds(ContinuousClock.now - start))
            }
        }
    }

    /// Phase 2's result for one input.
    struct PlannedUnit: Sendable {
        var plans: [RemovalPlan]
        /// Lines in the earlier parts of the same file (0 for a whole file).
        var lineOffset: Int
        /// Time spent planning this input.
        var detectSeconds: Double
    }

    /// Splits large JSONL files into parts of about `partBytes` (gzip files stay whole: they
    /// cannot be read from the middle).
    func splitIntoParts(
        _ files: [CorpusInputFile], _ destinations: [OutputDestination]
    ) -> ([CorpusInputFile], [OutputDestination]) {
        if options.format == .text { return splitTextIntoParts(files, destinations) }
        guard options.format == .jsonl,
            files.contains(where: { $0.byteSize > options.partBytes })
        else { return (files, destinations) }
        var splitFiles: [CorpusInputFile] = []
        var splitDestinations: [OutputDestination] = []
        for (file, destination) in zip(files, destinations) {
            guard file.byteSize > options.partBytes, case .path(let path) = file.location,
                !GzipDecoder.fileIsGzip(path)
            else {
                splitFiles.append(file)
                splitDestinations.append(destination)
                continue
            }
            let starts = Array(stride(from: 0, to: file.byteSize, by: options.partBytes))
            for (index, start) in starts.enumerated() {
                var part = file
                part.byteRange = start..<min(start + options.partBytes, file.byteSize)
                part.byteSize = part.byteRange?.count ?? 0
                part.isFirstPart = index == 0
                part.isLastPart = index == starts.count - 1
                splitFiles.append(part)
                splitDestinations.append(destination)
            }
        }
        return (splitFiles, splitDestinations)
    }

    /// Splits large text files into parts at empty lines (see `TextPartPlanner`).
    /// - Complexity: one sequential read of each file larger than `textPartBytes`.
    func splitTextIntoParts(
        _ files: [CorpusInputFile], _ destinations: [OutputDestination]
    ) -> ([CorpusInputFile], [OutputDestination]) {
        guard files.contains(where: { $0.byteSize > options.textPartBytes }) else { return (files, destinations) }
        let planner = TextPartPlanner(partBytes: options.textPartBytes, encoding: configuration.input.encoding)
        var splitFiles: [CorpusInputFile] = []
        var splitDestinations: [OutputDestination] = []
        for (file, destination) in zip(files, destinations) {
            guard file.byteSize > options.textPartBytes, case .path(let path) = file.location,
                let plan = planner.plan(path: path, size: file.byteSize)
            else {
                splitFiles.append(file)
                splitDestinations.append(destination)
                continue
            }
            for (index, range) in plan.ranges.enumerated() {
                var part = file
                part.byteRange = range
                part.byteSize = range.count
                part.isFirstPart = index == 0
                part.isLastPart = index == plan.ranges.count - 1
                part.partEncoding = plan.encoding
                part.partEncodingBasis = plan.basis
                splitFiles.append(part)
                splitDestinations.append(destination)
            }
        }
        return (splitFiles, splitDestinations)
    }

    /// Phase 1 for one input: read, decode, analyze (pure).
    static func analyze(
        _ file: CorpusInputFile, loader: SourceLoader, analyzer: inout DocumentAnalyzer
    ) -> AnalyzedUnit {
        var unit = AnalyzedUnit()
        do throws(InputError) {
            let source = try unit.timings.time(\.readDecode) { () throws(InputError) in try loader.load(file) }
            unit.bytesRead = source.bytesRead
            unit.lineCount = source.lineCount
            let (normalizing, fingerprinting) = (analyzer.secondsNormalizing, analyzer.secondsFingerprinting)
            defer {
                unit.timings.normalize = analyzer.secondsNormalizing - normalizing
                unit.timings.fingerprint = analyzer.secondsFingerprinting - fingerprinting
            }
            unit.items = unit.timings.time(\.analyze) {
                source.items.map { item in
                    switch item {
                    case .document(let document):
                        .document(analyzer.analyze(document.decoded, id: document.id), record: document.record)
                    case .unusableRecord(let line, let error):
                        .unusableRecord(line: line, error: error)
                    }
                }
            }
        } catch {
            unit.failure = error
        }
        return unit
    }

    /// Phase 3 for one input: assemble the output, write it, render its report lines.
    static func finish(
        _ unit: AnalyzedUnit, plans planned: PlannedUnit, file: CorpusInputFile, destination: OutputDestination,
        options: Options, assembler: inout CleanedTextAssembler, directories: OutputDirectories
    ) -> FinishedUnit {
        let plans = planned.plans
        var finished = FinishedUnit(
            file: file, documents: [], unusableRecords: [], inputFailure: unit.failure, outputFailure: nil,
            output: nil, bytesRead: unit.bytesRead, bytesWritten: 0, reportLines: [])
        finished.timings = unit.timings
        finished.timings.detect = planned.detectSeconds
        if let failure = unit.failure {
            if file.isTextPart { finished.inputFailure = failure.movingLines(by: planned.lineOffset) }
            return finished
        }
        let normalizingBefore = assembler.secondsNormalizing
        var output: [UInt8] = []
        var planIndex = 0
        var inputRecords: [ReportRecord?] = []
        for item in unit.items {
            switch item {
            case .unusableRecord(let line, var error):
                error.line += planned.lineOffset
                finished.unusableRecords.append(error)
                output += line
                output.append(0x0A)
            case .document(var document, let record):
                if file.isTextPart {
                    // (Its paragraphs were numbered as paragraphs of the whole file by the planner.)
                    document.decoded.firstReplacementLine = document.decoded.firstReplacementLine.map { $0 + planned.lineOffset }
                }
                let plan = plans[planIndex]
                planIndex += 1
                // Nothing is written to `.discard` (the first pass of a two-pass run): no assembly.
                let assembled = destination == .discard
                    ? CleanedTextAssembler.Assembled(output: [], repairs: [], counts: NormalizationCounts(), paragraphCount: 0)
                    : assembler.assembleWithRepairs(document, plan: plan)
                var text = assembled.output
                let counts = assembled.counts
                var dropped = false
                if let record {
                    if text.last == 0x0A { text.removeLast() }  // a record's text has no final newline
                    dropped = options.dropEmpty && text.isEmpty
                    if !dropped {
                        output += record.replacingText(with: text)
                        output.append(0x0A)
                    }
                } else if output.isEmpty {
                    output = text  // a plain-text input is one document: no copy of its whole output
                } else {
                    output += text
                }
                finished.documents.append(DocumentOutcome(
                    id: plan.document, plan: plan, paragraphCount: document.paragraphs.count,
                    inputBytes: document.decoded.bytes.count, outputBytes: dropped ? 0 : text.count,
                    replacedSequences: document.decoded.replacedSequences,
                    firstReplacementLine: document.decoded.firstReplacementLine, dropped: dropped,
                    normalization: counts, repairs: assembled.repairs, encoding: document.decoded.encoding,
                    encodingBasis: document.decoded.basis.map { "\($0)" },
                    oversizedParagraphs: document.oversizedParagraphs))
                inputRecords.append(ReportRecord.input(for: document))
            }
        }
        finished.bytesWritten = output.count
        finished.timings.normalize += assembler.secondsNormalizing - normalizingBefore
        if options.rendersReport {
            for (document, input) in zip(finished.documents, inputRecords) {
                if let input, !file.isTextPart {  // (text parts: one record per file, `TextPartReport`)
                    finished.reportLines += input.jsonLine()
                    finished.reportLines.append(0x0A)
                }
                for removal in document.plan.removals {
                    finished.reportLines += ReportRecord.removed(document: document.id, removal: removal).jsonLine()
                    finished.reportLines.append(0x0A)
                }
                for repair in document.repairs {
                    if file.isTextPart {
                        finished.deferredRepairLines += ReportRecord.repair(document: document.id, repair: repair).jsonLine()
                        finished.deferredRepairLines.append(0x0A)
                    } else {
                        finished.reportLines += ReportRecord.repair(document: document.id, repair: repair).jsonLine()
                        finished.reportLines.append(0x0A)
                    }
                }
            }
        }
        switch destination {
        case .file where file.isPart:
            finished.output = output  // appended in order to one file by `PartWriter`
        case .file(let path):
            do {
                try directories.createParent(of: path)
                let writer = AtomicFileWriter(syncsEachFile: options.syncsEachFile, registry: options.temporaryFiles)
                if options.writesIntoStagingTree {
                    try writer.writeNew(output, to: path)
                } else {
                    try writer.write(output, to: path, replace: options.replaceExisting)
                }
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
        var created: [String] = []
        try createParentDirectories(of: path, created: &created)
    }

    /// `mkdir -p` for the directory holding `path`, appending each directory it made to
    /// `created`, outermost first (also those made before it failed).
    static func createParentDirectories(of path: String, created: inout [String]) throws(OutputError) {
        let directory = AtomicFileWriter.directory(of: path)
        var info = stat()
        if stat(directory, &info) == 0 { return }
        var prefix = directory.hasPrefix("/") ? "" : "."
        for component in directory.split(separator: "/") {
            prefix += "/" + component
            if mkdir(prefix, 0o755) == 0 {
                created.append(prefix)
            } else if errno != EEXIST {
                throw .writeFailed(path: path, message: "cannot create directory \(prefix): \(String(cString: strerror(errno)))")
            }
        }
    }
}
