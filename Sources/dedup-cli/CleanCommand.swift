import ArgumentParser
import Dedup
import FoundationEssentials
import Glibc

/// `dedup clean`: documents in (a file, standard input, directories, JSON Lines), cleaned text
/// out, plus an optional report and stats file.
struct CleanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clean",
        abstract: "Remove repeated paragraphs from documents and write the cleaned text.",
        discussion: """
            Paragraphs are separated by blank lines. A paragraph that repeats another exactly, \
            nearly (shingle Jaccard at least --threshold) or as a fragment (--containment) is \
            removed; by default the first copy is kept (--keep). The order of the text is preserved. \
            Paragraphs with fewer \
            than --min-chars letters, digits or ideographs are never removed, because bylines and \
            sign-offs repeat legitimately. With a directory or several inputs, every file is cleaned \
            into the directory named by --output, mirroring relative paths, and a paragraph repeated \
            anywhere earlier in the sorted input is removed (see --scope).
            """
    )

    @Argument(help: "The files or directories to clean. Reads standard input when it is '-' or left out.")
    var inputs: [String] = []

    @Option(name: [.short, .customLong("output")], help: "Write the cleaned text to this file instead of standard output, or, with a directory or several inputs, into this directory. Files are written to a temporary file and renamed into place.")
    var output: String?

    @Flag(help: "Replace the output file or report if it already exists.")
    var force = false

    @Option(help: "Write a JSON Lines report of every removed paragraph and every quote repair to this file.")
    var report: String?

    @Option(name: .customLong("min-chars"), help: "Never remove a paragraph with fewer than this many letters, digits or ideographs.")
    var minChars: Int = DedupConfiguration.default.minSignificantCharacters

    @Flag(name: [.short, .long], help: "Print no summary line, progress or warnings on standard error.")
    var quiet = false

    @OptionGroup(title: "Normalization")
    var normalization: NormalizationFlags

    @OptionGroup(title: "Near duplicates and fragments")
    var near: NearDuplicateArguments

    @OptionGroup var corpus: CorpusArguments

    @OptionGroup(title: "Input")
    var inputOptions: InputOptions

    func validate() throws {
        guard minChars >= 0 else { throw ValidationError("--min-chars must be zero or more.") }
        let files = [output, report, corpus.stats].compactMap { $0 }
        if Set(files).count != files.count {
            throw ValidationError("--output, --report and --stats must name different files.")
        }
        if output == "" { throw ValidationError("--output must name a file or directory.") }
        if inputs.filter({ $0 == "-" }).count > 0 && inputs.count > 1 {
            throw ValidationError("Standard input ('-') cannot be combined with other inputs.")
        }
    }

    func run() throws {
        let started = ContinuousClock.now
        var configuration = DedupConfiguration.default
        configuration.minSignificantCharacters = minChars
        configuration.normalization = normalization.apply(to: configuration.normalization)
        near.apply(to: &configuration)
        corpus.apply(to: &configuration)
        inputOptions.apply(to: &configuration)
        let temporaryFiles = TemporaryFileRegistry()

        let arguments = inputs.isEmpty ? ["-"] : inputs
        let directories = arguments.filter(Self.isDirectory)
        let threads = corpus.threadCount  // asks the system for its cores once
        let inventory = InputWalker(filter: corpus.filter, followSymlinks: corpus.followSymlinks, statThreads: threads)
            .walk(arguments)
        let (destinations, staging) = try plannedDestinations(
            inventory, arguments: arguments, directories: directories, registry: temporaryFiles)
        // A run that stops before publishing (a refused report path, say) leaves no staging tree.
        defer { if let staging { temporaryFiles.discardTree(staging.staging) } }
        try checkSideFiles(inventory)
        let runProgress = RunProgress(total: inventory.files.count)
        let interruption = InterruptionHandler(registry: temporaryFiles, progress: runProgress)
        defer { interruption.keepAlive() }

        var reportStream: AtomicFileStream? = nil
        if let report {
            do throws(OutputError) {
                reportStream = try AtomicFileStream(path: report, replace: force, registry: temporaryFiles)
            } catch {
                StandardError.line("dedup: error: \(error)")
                throw ExitCode(ExitStatus.inputFailed)
            }
            reportStream?.append(
                ReportRecord.header(configuration: configuration, toolVersion: DedupCommand.toolVersion).jsonLine() + [0x0A])
        }
        var observer = CleanRunObserver(
            progress: ProgressLine(enabled: !quiet, totalFiles: inventory.files.count, totalBytes: inventory.totalBytes),
            report: reportStream, quiet: quiet, runProgress: runProgress)
        observer.tally.add(skipped: inventory.skipped)
        for skip in inventory.skipped where !quiet || skip.isFailure {
            StandardError.line("dedup: \(skip.isFailure ? "error" : "warning"): \(skip)")
        }
        var runnerOptions = corpus.runnerOptions(jobs: threads, replaceExisting: force, rendersReport: report != nil)
        runnerOptions.temporaryFiles = temporaryFiles
        runnerOptions.writesIntoStagingTree = staging != nil
        let runner = CorpusRunner(configuration: configuration, options: runnerOptions)
        var indexFootprint: (keptParagraphs: Int, bytes: Int)?
        if configuration.near.keep == .first {
            var planner = ScopedPlanner(configuration: configuration)
            runner.run(inventory.files, destinations: destinations, planner: &planner) { observer.accept($0) }
            indexFootprint = planner.keptIndexFootprint
        } else {
            // --keep longest|none must see every copy before deciding: pass 1 fingerprints the
            // corpus and writes nothing, pass 2 applies the plans made over all fingerprints.
            let files: [CorpusInputFile]
            do throws(InputError) {
                files = try inventory.files.map { file throws(InputError) in try file.bufferingStandardInput() }
            } catch {
                StandardError.line("dedup: error: \(error)")
                throw ExitCode(ExitStatus.inputFailed)
            }
            var collector = FingerprintCollector()
            var fingerprintOptions = runnerOptions
            fingerprintOptions.rendersReport = false
            let fingerprintRunner = CorpusRunner(configuration: configuration, options: fingerprintOptions)
            fingerprintRunner.run(files, destinations: destinations.map { _ in .discard }, planner: &collector) { _ in }
            var planner = PrecomputedPlanner(plans: collector.plans(configuration: configuration))
            runner.run(files, destinations: destinations, planner: &planner) { observer.accept($0) }
        }
        observer.progress.clear()
        // The tree is put in place before the report and stats are written; should that fail,
        // they are still written (they describe the tree left under its staging name).
        let published = staging.map { publish($0, registry: temporaryFiles) } ?? true
        if let failure = observer.standardOutputFailure {
            StandardError.line("dedup: error: \(failure)")
            throw ExitCode(ExitStatus.inputFailed)
        }
        let tally = observer.tally

        let seconds = ProgressLine.seconds(ContinuousClock.now - started)
        do throws(OutputError) {
            let writer = AtomicFileWriter(registry: temporaryFiles)
            try reportStream?.commit()
            if let statsPath = corpus.stats {
                let stats = CorpusStats(
                    tally: tally, configuration: configuration, toolVersion: DedupCommand.toolVersion,
                    format: corpus.format, jobs: threads, seconds: seconds, index: indexFootprint)
                try writer.write(stats.json(), to: statsPath, replace: force)
            }
        } catch {
            StandardError.line("dedup: error: \(error)")
            throw ExitCode(ExitStatus.inputFailed)
        }

        if !quiet {
            var summary = tally.summary
            summary.failedDocuments = tally.filesFailed + tally.unusableRecords
            var line = summary.line(seconds: seconds)
            let skippedQuietly = tally.skipped.filter { !$0.isFailure }.count
            if skippedQuietly > 0 { line += ", \(skippedQuietly) skipped" }
            StandardError.line(line)
        }
        if tally.hasFailures || !published { throw ExitCode(ExitStatus.inputFailed) }
    }

    /// An output directory that did not exist when the run started, and the staging tree its
    /// files are written into, renamed to it when the run ends.
    struct StagedOutput {
        var directory: String
        var staging: String
    }

    /// Renames the staging tree into place; an empty one (nothing was written) is removed, as
    /// no output directory is made for no output.
    /// - Returns: false, after saying why, when the tree could not be put in place.
    private func publish(_ staged: StagedOutput, registry: TemporaryFileRegistry) -> Bool {
        if rmdir(staged.staging) == 0 {
            registry.discardTree(staged.staging)
            return true
        }
        if registry.commitTree(staged.staging, to: staged.directory) != 0 {
            if errno == ECANCELED { return false }  // interrupted: the handler removed the tree and exits
            let reason = errno == EEXIST || errno == ENOTEMPTY
                ? "it was created by something else during the run" : String(cString: strerror(errno))
            StandardError.line(
                "dedup: error: \(staged.directory): cannot put the cleaned tree in place (\(reason)); it is left complete at \(staged.staging)")
            return false
        }
        AtomicFileWriter.syncDirectory(holding: staged.directory)
        return true
    }

    /// Where each input's cleaned text goes. One file or standard input: `--output` names a file
    /// (standard output without it). Directories or several inputs: `--output` names a directory
    /// that mirrors them; when it does not exist yet, it is written as a staging tree beside it
    /// and renamed into place at the end of the run (it appears complete or not at all).
    private func plannedDestinations(
        _ inventory: CorpusInventory, arguments: [String], directories: [String], registry: TemporaryFileRegistry
    ) throws -> ([OutputDestination], StagedOutput?) {
        let destinations = try plannedDestinations(inventory, arguments: arguments, directories: directories)
        // Nothing at all under the name (not even a dangling link, which `lstat` sees).
        var info = stat()
        guard let output, !(arguments.count == 1 && directories.isEmpty && !Self.isDirectory(output)),
            lstat(output, &info) != 0, errno == ENOENT
        else { return (destinations, nil) }
        // Paths start with the planner's root; the name itself must be a real one (not `.` or
        // `..`) for a tree to be staged beside it.
        let root = OutputTreePlanner(outputDirectory: output, replaceExisting: force).root
        var name = Substring(root)
        while name.hasSuffix("/") { name = name.dropLast() }
        let last = name.split(separator: "/", omittingEmptySubsequences: false).last ?? ""
        guard !last.isEmpty, last != ".", last != ".." else { return (destinations, nil) }
        let staging: String
        do throws(OutputError) {
            staging = try registry.makeStagingTree(for: String(name))
        } catch {
            throw usage(error)
        }
        let staged = destinations.map { destination -> OutputDestination in
            guard case .file(let path) = destination, path.hasPrefix(root + "/") else { return destination }
            return .file(staging + path.dropFirst(root.count))
        }
        return (staged, StagedOutput(directory: String(name), staging: staging))
    }

    private func plannedDestinations(
        _ inventory: CorpusInventory, arguments: [String], directories: [String]
    ) throws -> [OutputDestination] {
        let outputIsDirectory = output.map(Self.isDirectory) ?? false
        if arguments == ["-"] && outputIsDirectory {
            throw UsageError(description: "dedup: error: standard input needs --output FILE, not a directory")
        }
        if arguments.count == 1 && directories.isEmpty && !outputIsDirectory {
            guard let output else { return inventory.files.map { _ in .caller } }
            if let input = arguments.first, input != "-", AtomicFileWriter.sameFile(output, input) {
                throw usage(OutputError.wouldOverwriteInput(path: output))
            }
            if !force && AtomicFileWriter.exists(output) { throw usage(OutputError.exists(path: output)) }
            return inventory.files.map { _ in .file(output) }
        }
        guard let output else {
            throw UsageError(description: "dedup: error: a directory or several inputs need --output DIR")
        }
        if Self.exists(output) && !Self.isDirectory(output) {
            throw UsageError(description: "dedup: error: \(output): --output must be a directory with a directory or several inputs")
        }
        do {
            let paths = try OutputTreePlanner(outputDirectory: output, replaceExisting: force)
                .plan(inventory.files, inputDirectories: directories)
            return paths.map { .file($0) }
        } catch {
            throw usage(error)
        }
    }

    /// The report and stats files: never over an input, replaced only with --force.
    private func checkSideFiles(_ inventory: CorpusInventory) throws {
        for path in [report, corpus.stats].compactMap({ $0 }) {
            if let identity = FileIdentity(path: path), inventory.files.contains(where: { $0.identity == identity }) {
                throw usage(OutputError.wouldOverwriteInput(path: path))
            }
            if !force && AtomicFileWriter.exists(path) { throw usage(OutputError.exists(path: path)) }
        }
    }

    private func usage(_ error: any Error) -> ExitCode {
        StandardError.line("dedup: error: \(error)")
        return ExitCode(ExitStatus.usage)
    }

    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return path != "-" && stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }

    static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }
}
