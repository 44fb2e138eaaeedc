import ArgumentParser
import Dedup
import FoundationEssentials

/// `dedup normalize`: normalization alone, no duplicate removal.
struct NormalizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "normalize",
        abstract: "Normalize a document's text without removing anything.",
        discussion: """
            Runs the same normalization as 'dedup clean' (whitespace and invisible characters, \
            width, punctuation by context, quotes, joined lines, rejoined cut paragraphs) and writes \
            the paragraphs separated by one blank line. Every step can be switched off.
            """
    )

    @Argument(help: "The file to normalize. Reads standard input when it is '-' or left out.")
    var input: String?

    @Option(name: [.short, .customLong("output")], help: "Write the text to this file instead of standard output. The file is written to a temporary file and renamed into place.")
    var output: String?

    @Flag(help: "Replace the output file or report if it already exists.")
    var force = false

    @Option(help: "Write a JSON Lines report of every quote repair to this file.")
    var report: String?

    @Flag(name: [.short, .long], help: "Print no summary line and no warnings on standard error.")
    var quiet = false

    @OptionGroup(title: "Normalization")
    var normalization: NormalizationFlags

    func validate() throws {
        if let output, output == report {
            throw ValidationError("--output and --report must name different files.")
        }
    }

    func run() throws {
        let started = ContinuousClock.now
        // Only the normalization options: the full configuration (its near-duplicate parameters
        // take milliseconds to derive) is built only for the report header.
        let options = normalization.apply(to: DedupConfiguration.defaultNormalization)

        let inputName = input ?? "-"
        let raw: [UInt8]
        do {
            let reader = FileReader()
            raw = inputName == "-" ? try reader.readStandardInput() : try reader.read(path: inputName)
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

        var normalizer = TextNormalizer(options: options)
        let decoded = UTF8InputDecoder().decode(raw)
        let result: TextNormalizer.Result
        var written = 0
        var writeError: OutputError? = nil
        if output == nil {
            // Standard output is written in pieces as paragraphs are finished.
            result = normalizer.normalize(decoded: decoded, chunkBytes: 1 << 20) { piece in
                guard writeError == nil else { return }
                do {
                    try StandardOutput.write(UnsafeRawBufferPointer(piece))
                    written += piece.count
                } catch let error as OutputError {
                    writeError = error
                } catch {
                    writeError = .writeFailed(path: "-", message: "\(error)")
                }
            }
        } else {
            result = normalizer.normalize(decoded: decoded)
            written = result.output.count
        }
        if decoded.replacedSequences > 0 && !quiet {
            let line = decoded.firstReplacementLine.map { " (first at line \($0))" } ?? ""
            StandardError.line(
                "dedup: warning: \(inputName): \(decoded.replacedSequences) ill-formed UTF-8 sequence"
                    + "\(decoded.replacedSequences == 1 ? "" : "s") replaced with U+FFFD\(line)")
        }

        do {
            let writer = AtomicFileWriter()
            if let report {
                var configuration = DedupConfiguration.default
                configuration.normalization = options
                var lines = ReportRecord.header(configuration: configuration, toolVersion: DedupCommand.toolVersion).jsonLine()
                lines.append(0x0A)
                for repair in result.repairs {
                    lines += ReportRecord.repair(document: DocumentID(inputName), repair: repair).jsonLine()
                    lines.append(0x0A)
                }
                try writer.write(lines, to: report, replace: force)
            }
            if let output {
                try writer.write(result.output, to: output, replace: force)
            } else if let writeError {
                throw writeError
            }
        } catch let error as OutputError {
            StandardError.line("dedup: error: \(error)")
            throw ExitCode(ExitStatus.inputFailed)
        }

        if !quiet {
            let elapsed = ContinuousClock.now - started
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            let kinds = result.counts.byKind.filter { $0.count > 0 }.map { "\($0.name) \($0.count)" }
            StandardError.line(
                "dedup normalize: \(result.paragraphsIn) paragraphs in, \(result.paragraphsOut) out, "
                    + "\(result.counts.total) changes (\(kinds.isEmpty ? "none" : kinds.joined(separator: ", "))), "
                    + "\(raw.count) → \(written) bytes, \((seconds * 1000).rounded() / 1000) s")
        }
    }
}
