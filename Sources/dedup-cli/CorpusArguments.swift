import ArgumentParser
import Dedup
import FoundationEssentials

extension InputFormat: ExpressibleByArgument {}
extension DedupScope: ExpressibleByArgument {}

/// The options of `dedup clean` that read a corpus: several inputs, directories, JSON Lines,
/// scope, parallelism and the stats file.
struct CorpusArguments: ParsableArguments {
    @Option(help: "Input format: 'text' (each file is one document) or 'jsonl' (one JSON object per line, cleaned in its text field).")
    var format: InputFormat = .text

    @Option(name: .customLong("text-field"), help: "The JSONL field holding the text to clean.")
    var textField = "text"

    @Option(name: .customLong("id-field"), help: "The JSONL field naming each record in the report; records without it are named by file and line number.")
    var idField = "id"

    @Flag(name: .customLong("drop-empty"), help: "Leave out JSONL records whose text is empty after cleaning (they are kept with empty text otherwise).")
    var dropEmpty = false

    @Option(help: "Take only files in input directories whose relative path or name matches this glob (repeatable; default '*.txt', or '*.jsonl' with --format jsonl). A trailing .gz is ignored when matching.")
    var include: [String] = []

    @Option(help: "Skip files and directories in input directories whose relative path or name matches this glob (repeatable).")
    var exclude: [String] = []

    @Flag(name: .customLong("follow-symlinks"), help: "Follow symbolic links inside input directories (loops are detected and skipped).")
    var followSymlinks = false

    @Option(help: "Where repeats are looked for: 'corpus' (anywhere earlier in the sorted input) or 'document' (only earlier in the same document).")
    var scope: DedupScope = DedupConfiguration.default.corpus.scope

    @Option(help: "Threads to use for reading, analysis and writing (default: all cores). Results do not depend on it.")
    var jobs: Int?

    /// `--jobs`, or all cores. Not the option's default value: ArgumentParser builds the command
    /// several times while parsing, and each asked the system for its cores (cgroup files).
    var threadCount: Int { jobs ?? ProcessInfo.processInfo.activeProcessorCount }

    @Option(help: "Write a JSON summary of the run (counts, bytes, time, failures, configuration) to this file.")
    var stats: String?

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1.") }
        guard !textField.isEmpty else { throw ValidationError("--text-field must not be empty.") }
    }

    func apply(to configuration: inout DedupConfiguration) {
        configuration.corpus.scope = scope
    }

    var filter: GlobFilter {
        GlobFilter(include: include.isEmpty ? [format.defaultInclude] : include, exclude: exclude)
    }

    /// - Parameter jobs: the run's thread count (`threadCount`, asked once per run).
    func runnerOptions(jobs: Int, replaceExisting: Bool, rendersReport: Bool) -> CorpusRunner.Options {
        var options = CorpusRunner.Options(
            jobs: jobs, format: format, textField: textField, idField: idField, dropEmpty: dropEmpty,
            replaceExisting: replaceExisting)
        options.rendersReport = rendersReport
        return options
    }
}
