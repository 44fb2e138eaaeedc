import Glibc

// Design note: the corpus streams through in windows of at most `windowFiles` inputs and
// `windowBytes` bytes. Each window goes through three separate phases:
//   1. read + decode + split + normalize + fingerprint, in parallel (pure, per-worker analyzers);
//   2. plan, sequentially in input order (the planner is the only state);
//   3. assemble + write, in parallel (each input to its own file, atomically).
// Then the window's results are handed to the caller in input order, and the window's text is
// dropped. The window size does not depend on `jobs`, and neither does anything phase 2 sees, so
// output and report are byte-identical for every `jobs` value.
//
// Memory: text is held only for one window (a few times its size: raw, decoded, paragraphs,
// output). What grows with the corpus is the planner's index: for the exact index, one entry per
// distinct kept paragraph — a 16-byte key and a ParagraphRef (8-byte index and a String that
// shares the document's id storage), about 60 bytes with dictionary slack — plus each
// document's id string once (about 40 bytes for a typical relative path). Measured on the 50 MB
// news-like corpus: see README, "Corpus mode".

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
    /// - Complexity: O(total input size) time; memory bounded by the window plus the planner's index.
    public func run<Planner: DocumentPlanner>(
        _ files: [CorpusInputFile], destinations: [OutputDestination], planner: inout Planner,
        onFinished: (FinishedUnit) -> Void
    ) {
        precondition(files.count == destinations.count, "one destination per input")
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
            for unit in runWindow(files[start..<end], destinations[start..<end], planner: &planner) {
                onFinished(unit)
            }
            start = end
        }
        if !options.syncsEachFile && destinations.contains(where: { $0.filePath != nil }) {
            AtomicFileWriter.syncFileSystems()
        }
    }

    private struct AnalyzedUnit: Sendable {
        enum Item: Sendable {
            case document(AnalyzedDocument, record: JSONLRecord?)
            case unusableRecord(line: [UInt8], error: JSONLRecordError)
        }
        var items: [Item] = []
        var bytesRead = 0
        var failure: InputError?
    }

    private func runWindow<Planner: DocumentPlanner>(
        _ files: ArraySlice<CorpusInputFile>, _ destinations: ArraySlice<OutputDestination>,
        planner: inout Planner
    ) -> [FinishedUnit] {
        let files = Array(files)
        let destinations = Array(destinations)
        let configuration = configuration
        let loader = SourceLoader(format: options.format, textField: options.textField, idField: options.idField)

        // Phase 1: read, decode, analyze (parallel, pure).
        let analyzed = ParallelMap.map(
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

        // Phase 2: plan in input order (sequential, the only state).
        var plans: [[RemovalPlan]] = []
        plans.reserveCapacity(analyzed.count)
        for unit in analyzed {
            var unitPlans: [RemovalPlan] = []
            for case .document(let document, _) in unit.items {
                unitPlans.append(planner.plan(for: document))
            }
            plans.append(unitPlans)
        }

        // Phase 3: assemble and write (parallel, each input to its own output).
        let options = options
        let plansByUnit = plans
        return ParallelMap.map(count: files.count, workers: options.jobs, state: { () }) { _, index in
            Self.finish(
                analyzed[index], plans: plansByUnit[index], file: files[index], destination: destinations[index],
                options: options)
        }
    }

    private static func finish(
        _ unit: AnalyzedUnit, plans: [RemovalPlan], file: CorpusInputFile, destination: OutputDestination,
        options: Options
    ) -> FinishedUnit {
        var finished = FinishedUnit(
            file: file, documents: [], unusableRecords: [], inputFailure: unit.failure, outputFailure: nil,
            output: nil, bytesRead: unit.bytesRead, bytesWritten: 0)
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
