import Dedup

/// Receives each finished input of a `dedup clean` run, in input order: counts it, prints its
/// errors and warnings, streams its report lines, writes standard output, draws progress.
struct CleanRunObserver {
    var tally = CorpusTally()
    var progress: ProgressLine
    /// The report, streamed to its temporary file as inputs finish.
    let report: AtomicFileStream?
    var standardOutputFailure: OutputError?
    let quiet: Bool
    /// Inputs finished, for the interruption message.
    let runProgress: RunProgress?

    init(progress: ProgressLine, report: AtomicFileStream?, quiet: Bool, runProgress: RunProgress? = nil) {
        self.progress = progress
        self.report = report
        self.quiet = quiet
        self.runProgress = runProgress
    }

    mutating func accept(_ unit: FinishedUnit) {
        tally.add(unit)
        if unit.file.isLastPart { runProgress?.finishedOne() }
        printMessages(unit)
        if !unit.reportLines.isEmpty { report?.append(unit.reportLines) }
        if let output = unit.output, standardOutputFailure == nil {
            do {
                try StandardOutput.write(output)
            } catch {
                standardOutputFailure = error as? OutputError
                    ?? .writeFailed(path: "-", message: "\(error)")
            }
        }
        progress.update(tally)
    }

    /// Prints what went wrong with one input, and its warnings.
    private mutating func printMessages(_ unit: FinishedUnit) {
        var messages: [String] = []
        if let error = unit.inputFailure { messages.append("dedup: error: \(error)") }
        for error in unit.unusableRecords { messages.append("dedup: error: \(error)") }
        if let error = unit.outputFailure { messages.append("dedup: error: \(error)") }
        if !quiet {
            for document in unit.documents {
                // A file read in parts: its encoding is noted once, at its first part.
                let notesEncoding = !unit.file.isTextPart || unit.file.isFirstPart
                messages += InputNotes(document: document, notesEncoding: notesEncoding).lines
            }
        }
        guard !messages.isEmpty else { return }
        progress.clear()
        for message in messages { StandardError.line(message) }
    }
}
