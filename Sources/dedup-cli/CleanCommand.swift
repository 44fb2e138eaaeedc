import ArgumentParser
import Dedup
import Foundation

/// `dedup clean`: one document in, its cleaned text out, plus an optional report.
struct CleanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clean",
        abstract: "Remove repeated paragraphs from a document and write the cleaned text.",
        discussion: """
            Paragraphs are separated by blank lines. The first copy of a repeated paragraph is kept \
            and later copies are removed; the order of the text is preserved. Paragraphs with fewer \
            than --min-chars letters, digits or ideographs are never removed, because bylines and \
            sign-offs repeat legitimately.
            """
    )

    @Argument(help: "The file to clean. Reads standard input when it is '-' or left out.")
    var input: String?

    @Option(name: [.short, .customLong("output")], help: "Write the cleaned text to this file instead of standard output. The file is written to a temporary file and renamed into place.")
    var output: String?

    @Flag(help: "Replace the output file or report if it already exists.")
    var force = false

    @Option(help: "Write a JSON Lines report of every removed paragraph to this file.")
    var report: String?

    @Option(name: .customLong("min-chars"), help: "Never remove a paragraph with fewer than this many letters, digits or ideographs.")
    var minChars: Int = DedupConfiguration.default.minSignificantCharacters

    @Flag(name: [.short, .long], help: "Print no summary line and no warnings on standard error.")
    var quiet = false

    @OptionGroup(title: "Input")
    var inputOptions: InputOptions

    func validate() throws {
        guard minChars >= 0 else { throw ValidationError("--min-chars must be zero or more.") }
        if let output, output == report {
            throw ValidationError("--output and --report must name different files.")
        }
    }

    func run() throws {
        let started = ContinuousClock.now
        var configuration = DedupConfiguration.default
        configuration.minSignificantCharacters = minChars
        inputOptions.apply(to: &configuration)
        let temporaryFiles = TemporaryFileRegistry()
        let progress = RunProgress(total: 1)
        let interruption = InterruptionHandler(registry: temporaryFiles, progress: progress)
        defer { interruption.keepAlive() }

        let inputName = input ?? "-"
        let reader = FileReader()
        let raw: [UInt8]
        do {
            if inputName == "-" {
                raw = try reader.readStandardInput()
            } else {
                raw = try reader.read(path: inputName)
            }
        } catch {
            StandardError.line("dedup: error: \(error)")
            throw ExitCode(ExitStatus.inputFailed)
        }

        for path in [output, report].compactMap({ $0 }) {
            if inputName != "-" && AtomicFileWriter.sameFile(path, inputName) {
                StandardError.line("dedup: error: \(OutputError.wouldOverwriteInput(path: path))")
                throw ExitCode(ExitStatus.usage)
            }
            if !force && AtomicFileWriter.exists(path) {
                StandardError.line("dedup: error: \(OutputError.exists(path: path))")
                throw ExitCode(ExitStatus.usage)
            }
        }

        var pipeline = CleaningPipeline(configuration: configuration)
        let cleaned: CleanedDocument
        do {
            cleaned = try pipeline.cleanInput(raw, id: DocumentID(inputName), path: inputName)
        } catch {
            StandardError.line("dedup: error: \(error)")
            throw ExitCode(ExitStatus.inputFailed)
        }
        if !quiet { InputNotes(document: cleaned.analyzed, name: inputName).print() }

        do {
            let writer = AtomicFileWriter(registry: temporaryFiles)
            if let report {
                var lines = ReportRecord.header(configuration: configuration, toolVersion: DedupCommand.toolVersion).jsonLine()
                lines.append(0x0A)
                if let input = ReportRecord.input(for: cleaned.analyzed) {
                    lines += input.jsonLine()
                    lines.append(0x0A)
                }
                for removal in cleaned.plan.removals {
                    lines += ReportRecord.removed(document: cleaned.id, removal: removal).jsonLine()
                    lines.append(0x0A)
                }
                try writer.write(lines, to: report, replace: force)
            }
            if let output {
                try writer.write(cleaned.output, to: output, replace: force)
            } else {
                try StandardOutput.write(cleaned.output)
            }
        } catch let error as OutputError {
            StandardError.line("dedup: error: \(error)")
            throw ExitCode(ExitStatus.inputFailed)
        }
        progress.finishedOne()

        if !quiet {
            var summary = RunSummary()
            summary.add(cleaned.analyzed, plan: cleaned.plan, rawBytes: raw.count, outputBytes: cleaned.output.count)
            let elapsed = ContinuousClock.now - started
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            StandardError.line(summary.line(seconds: seconds))
        }
    }
}
