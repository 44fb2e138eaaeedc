/// Where the cleaned form of one input goes.
public enum OutputDestination: Sendable, Equatable {
    /// Written atomically (temporary file + rename) to this path; parent directories are created.
    case file(String)
    /// Handed back in `FinishedUnit.output` for the caller to write (standard output).
    case caller
    /// Not kept (a fingerprinting pass, or a run that only wants the report).
    case discard
}

extension OutputDestination {
    /// The path of a `.file` destination.
    var filePath: String? {
        if case .file(let path) = self { return path }
        return nil
    }
}
