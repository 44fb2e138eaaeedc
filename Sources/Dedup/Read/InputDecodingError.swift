/// Why a file's bytes could not be read as text. Every case names the file; `description` is the
/// user message.
public enum InputDecodingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Not text (NUL bytes, mostly control bytes): the file is skipped.
    case binary(path: String, reason: String)
    /// `--strict` and an invalid byte sequence in `encoding`.
    case invalidSequence(path: String, encoding: String, line: Int?)
    /// ICU could not convert from `encoding` (no converter, or an internal failure).
    case conversionFailed(path: String, encoding: String)

    public var description: String {
        switch self {
        case .binary(let path, let reason):
            "\(path): skipped, binary file (\(reason))"
        case .invalidSequence(let path, let encoding, let line):
            "\(path): invalid \(encoding) byte sequence\(line.map { " at line \($0)" } ?? "") (--strict)"
        case .conversionFailed(let path, let encoding):
            "\(path): cannot convert from \(encoding)"
        }
    }
}
