/// Why an input could not be read. Every case names the path; `description` is the user message.
public enum InputError: Error, Sendable, Equatable, CustomStringConvertible {
    case notFound(path: String)
    case permissionDenied(path: String)
    case isDirectory(path: String)
    case notRegularFile(path: String, kind: String)
    case readFailed(path: String, message: String)
    /// Read, but not usable as text: binary, or invalid bytes under `--strict`.
    case undecodable(InputDecodingError)

    public var description: String {
        switch self {
        case .notFound(let path): "\(path): no such file"
        case .permissionDenied(let path): "\(path): permission denied"
        case .isDirectory(let path): "\(path): is a directory"
        case .notRegularFile(let path, let kind): "\(path): skipped, not a regular file (\(kind))"
        case .readFailed(let path, let message): "\(path): cannot read: \(message)"
        case .undecodable(let error): error.description
        }
    }

    /// The same error with its line number (if any) moved down by `lines`: an error in a part of
    /// a file read in parts names the line of the whole file.
    public func movingLines(by lines: Int) -> InputError {
        if case .undecodable(.invalidSequence(let path, let encoding, let line?)) = self {
            return .undecodable(.invalidSequence(path: path, encoding: encoding, line: line + lines))
        }
        return self
    }
}

/// Why an output could not be written. Every case names the path.
public enum OutputError: Error, Sendable, Equatable, CustomStringConvertible {
    case exists(path: String)
    case wouldOverwriteInput(path: String)
    case writeFailed(path: String, message: String)

    public var description: String {
        switch self {
        case .exists(let path): "\(path): output exists; use --force to replace it"
        case .wouldOverwriteInput(let path): "\(path): refusing to write output over an input file"
        case .writeFailed(let path, let message): "\(path): cannot write: \(message)"
        }
    }
}
