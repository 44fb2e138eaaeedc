import ArgumentParser
import Dedup
import Foundation

/// `dedup clean`: one document in, its cleaned text out, plus an optional report.
struct CleanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clean",
        abstract: "Remove repeated paragraphs from a document and write the cleaned text.",
        discussion: """
            Paragraphs are separated by blank lines. A paragraph that repeats another exactly, \
            nearly (shingle Jaccard at least --threshold) or as a fragment (--containment) is \
            removed; by default the first copy is kept (--keep). The order of the text is preserved. \
            Paragraphs with fewer \
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

    @Option(help: "Write a JSON Lines report of every removed paragraph and every quote repair to this file.")
    var report: String?

    @Option(name: .customLong("min-chars"), help: "Never remove a paragraph with fewer than this many letters, digits or ideographs.")
    var minChars: Int = DedupConfiguration.default.minSignificantCharacters

    @Flag(name: [.short, .long], help: "Print no summary line and no warnings on standard error.")
    var quiet = false

    @OptionGroup(title: "Normalization")
    var normalization: NormalizationFlags

    @OptionGroup(title: "Near duplicates and fragments")
    var near: NearDuplicateArguments

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
        configuration.normalization = normalization.apply(to: configuration.normalization)
        near.apply(to: &configuration)

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
        let cleaned = pipeline.clean(raw, id: DocumentID(inputName))
        let decoded = cleaned.analyzed.decoded
        if decoded.replacedSequences > 0 && !quiet {
            let line = decoded.firstReplacementLine.map { " (first at line \($0))" } ?? ""
            StandardError.line(
                "dedup: warning: \(inputName): \(decoded.replacedSequences) ill-formed UTF-8 sequence"
                    + "\(decoded.replacedSequences == 1 ? "" : "s") replaced with U+FFFD\(line)")
        }

        do {
            let writer = AtomicFileWriter()
            if let report {
                var lines = ReportRecord.header(configuration: configuration, toolVersion: DedupCommand.toolVersion).jsonLine()
                lines.append(0x0A)
                for removal in cleaned.plan.removals {
                    lines += ReportRecord.removed(document: cleaned.id, removal: removal).jsonLine()
                    lines.append(0x0A)
                }
                for repair in cleaned.repairs {
                    lines += ReportRecord.repair(document: cleaned.id, repair: repair).jsonLine()
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

        if !quiet {
            var summary = RunSummary()
            summary.add(cleaned.analyzed, plan: cleaned.plan, rawBytes: raw.count, outputBytes: cleaned.output.count)
            summary.normalization += cleaned.normalization
            let elapsed = ContinuousClock.now - started
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            StandardError.line(summary.line(seconds: seconds))
        }
    }
}
