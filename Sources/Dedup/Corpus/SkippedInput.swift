/// Something the walk did not read, and why. Every skip is counted and reported by name.
public struct SkippedInput: Sendable, Equatable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable {
        /// A FIFO, socket or device: never opened (reading could block forever or never end).
        case notRegularFile(kind: String)
        /// A symbolic link met inside a directory while `--follow-symlinks` is off.
        case symbolicLink
        /// A directory reached again through a symbolic link while already inside it.
        case symlinkLoop
        /// A name that is not valid UTF-8 (paths are handled as Unicode text).
        case undecodableName
        /// The path could not be examined or listed (vanished, permission denied, dangling link).
        case unreadable(InputError)
    }

    public var path: String
    public var reason: Reason
    /// True when the skip makes the run fail (exit status 1): a file named on the command line
    /// that cannot be read, or anything the walk could not examine. Non-regular files, links that
    /// are not followed and symlink loops inside a directory are skipped without failing.
    public var isFailure: Bool

    public init(path: String, reason: Reason, isFailure: Bool) {
        self.path = path
        self.reason = reason
        self.isFailure = isFailure
    }

    public var description: String {
        switch reason {
        case .notRegularFile(let kind): "\(path): skipped, not a regular file (\(kind))"
        case .symbolicLink: "\(path): skipped, symbolic link (use --follow-symlinks to follow links)"
        case .symlinkLoop: "\(path): skipped, symbolic link loop (the directory is already being walked)"
        case .undecodableName: "\(path): skipped, file name is not valid UTF-8"
        case .unreadable(let error): error.description
        }
    }
}
