/// Writes the cleaned parts of a file read in parts to one output, in order: the first part
/// opens a temporary file, each part is appended, the last part renames it into place. A part
/// that could not be read or written abandons the file, so an output is complete or absent.
/// Used on the calling thread only, for one file at a time (parts arrive in input order).
struct PartWriter {
    let replaceExisting: Bool
    let registry: TemporaryFileRegistry
    /// The run's output directories: created once, and flushed at the end of the run.
    let directories: OutputDirectories
    private var stream: AtomicFileStream?
    private var abandoned = false
    /// Whether anything was appended to the current file yet (text parts are joined by a blank line).
    private var wroteText = false

    init(replaceExisting: Bool, registry: TemporaryFileRegistry, directories: OutputDirectories) {
        self.replaceExisting = replaceExisting
        self.registry = registry
        self.directories = directories
    }

    /// Appends `unit.output` to the file at `path`, moving any failure into `unit`.
    mutating func write(_ unit: inout FinishedUnit, to path: String) {
        let output = unit.output ?? []
        unit.output = nil
        if unit.file.isFirstPart {
            stream = nil
            abandoned = false
            wroteText = false
            do throws(OutputError) {
                try directories.createParent(of: path)
                stream = try AtomicFileStream(path: path, replace: replaceExisting, registry: registry)
            } catch {
                unit.outputFailure = error
                abandoned = true
            }
        }
        if unit.inputFailure != nil {
            abandoned = true
        }
        if abandoned {
            stream = nil  // removes the temporary file
        } else if unit.file.isTextPart {
            // Each part's text ends with a newline; one more makes the blank line between the
            // last paragraph of the text so far and this part's first.
            if wroteText && !output.isEmpty {
                stream?.append([0x0A])
                unit.bytesWritten += 1
                if !unit.documents.isEmpty { unit.documents[0].outputBytes += 1 }
            }
            stream?.append(output)
            wroteText = wroteText || !output.isEmpty
        } else {
            stream?.append(output)
        }
        if unit.file.isLastPart, let stream {
            do throws(OutputError) {
                try stream.commit()
            } catch {
                unit.outputFailure = error
            }
            self.stream = nil
        }
    }
}
