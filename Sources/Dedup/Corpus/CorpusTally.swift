/// Running totals of a corpus run, fed one `FinishedUnit` at a time in input order: the
/// summary counts, every failure by name, and every skip.
public struct CorpusTally: Sendable {
    public var summary = RunSummary()
    public var files = 0
    public var filesFailed = 0
    public var bytesRead = 0
    public var unusableRecords = 0
    public var droppedRecords = 0
    /// Every failure, by path, in input order (`path`, user message).
    public var failures: [(path: String, message: String)] = []
    public var skipped: [SkippedInput] = []
    /// Documents read per encoding ("UTF-8", "GB18030", …).
    public var encodings: [String: Int] = [:]
    /// CPU seconds per pipeline stage, summed over workers.
    public var timings = StageTimings()

    public init() {}

    /// True when the run must exit with status 1.
    public var hasFailures: Bool { !failures.isEmpty }

    /// Records what the walk skipped; failures among them are counted as failed files.
    public mutating func add(skipped inputs: [SkippedInput]) {
        for input in inputs {
            skipped.append(input)
            if input.isFailure {
                filesFailed += 1
                failures.append((input.path, input.description))
            }
        }
    }

    public mutating func add(_ unit: FinishedUnit) {
        timings += unit.timings
        if unit.file.isFirstPart { files += 1 }  // a file read in parts counts once
        bytesRead += unit.bytesRead
        if let error = unit.inputFailure {
            filesFailed += 1
            summary.failedDocuments += 1
            failures.append((unit.file.displayPath, error.description))
            return
        }
        // The parts of a text file are one document: counted once, at its first part.
        let newDocuments = !unit.file.isTextPart || unit.file.isFirstPart
        for document in unit.documents {
            summary.add(document, isNewDocument: newDocuments)
            if newDocuments { encodings[document.encoding, default: 0] += 1 }
            if document.dropped { droppedRecords += 1 }
        }
        for error in unit.unusableRecords {
            unusableRecords += 1
            failures.append((error.path, error.description))
        }
        if let error = unit.outputFailure {
            filesFailed += 1
            failures.append((unit.file.displayPath, error.description))
        }
    }
}
