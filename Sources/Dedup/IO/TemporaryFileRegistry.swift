import CICU
import Glibc
import Synchronization

/// The temporary files a run has open, so an interruption can remove them before the process
/// exits. Shared by the writers of one run and its signal handler; every operation holds one lock,
/// so a file is never created, renamed or removed half-way through another's operation.
///
/// After `removeAllAndClose()` the registry refuses new files and renames: once an interrupted run
/// starts cleaning up, nothing new can appear under an output name.
public final class TemporaryFileRegistry: Sendable {
    private struct State {
        var paths: Set<String> = []
        var closed = false
    }

    private let state = Mutex(State())

    public init() {}

    /// Creates a unique file from `template` (ending in `XXXXXX`, as for `mkstemp`) and registers it.
    /// - Returns: the open descriptor and the path, or nil with `errno` set (`ECANCELED` once closed).
    public func create(template: String) -> (descriptor: Int32, path: String)? {
        state.withLock { state -> (Int32, String)? in
            guard !state.closed else {
                errno = ECANCELED
                return nil
            }
            var buffer = Array(template.utf8CString)
            let fd = buffer.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }  // safe: non-empty (NUL-terminated)
            guard fd >= 0 else { return nil }
            let path = String(cString: buffer.map { UInt8(bitPattern: $0) })
            state.paths.insert(path)
            return (fd, path)
        }
    }

    /// Renames a registered temporary file to `destination` and forgets it.
    /// - Parameter replace: when false, an existing `destination` is an error (`EEXIST`), checked
    ///   atomically with the rename where the file system supports it (`renameat2`), else just
    ///   before it.
    /// - Returns: 0, or -1 with `errno` set (`ECANCELED` once closed).
    public func commit(_ temporary: String, to destination: String, replace: Bool = true) -> Int32 {
        state.withLock { state in
            guard !state.closed else {
                errno = ECANCELED
                return -1
            }
            let result = replace ? rename(temporary, destination) : Self.renameNoReplace(temporary, destination)
            if result == 0 { state.paths.remove(temporary) }
            return result
        }
    }

    private static func renameNoReplace(_ from: String, _ to: String) -> Int32 {
        let result = dedup_rename_noreplace(from, to)
        guard result != 0, errno == EINVAL || errno == ENOSYS else { return result }
        var info = stat()
        if lstat(to, &info) == 0 {
            errno = EEXIST
            return -1
        }
        return rename(from, to)
    }

    /// Removes a registered temporary file (after a failed write) and forgets it.
    public func discard(_ temporary: String) {
        state.withLock { state in
            unlink(temporary)
            state.paths.remove(temporary)
        }
    }

    /// Removes every registered file and refuses further ones. For the interruption handler.
    /// - Returns: how many files were removed.
    @discardableResult
    public func removeAllAndClose() -> Int {
        state.withLock { state in
            state.closed = true
            let count = state.paths.count
            for path in state.paths { unlink(path) }
            state.paths.removeAll()
            return count
        }
    }

    /// The registered paths, for tests.
    public var registeredPaths: Set<String> {
        state.withLock { $0.paths }
    }
}
