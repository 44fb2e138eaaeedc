import Glibc

/// A file written piece by piece that appears under its final name only when complete: bytes
/// are appended to a temporary file in the same directory, which `commit()` syncs and renames
/// into place. Dropping the stream without committing removes the temporary file. For outputs
/// too large to hold in memory (a corpus run's report).
public final class AtomicFileStream {
    public let path: String
    private let temporary: String
    private var fd: Int32
    private let replace: Bool
    private var buffer: [UInt8] = []
    private var failure: OutputError?
    private static let flushSize = 1 << 20
    private let registry: TemporaryFileRegistry

    /// Creates the temporary file beside `path`.
    /// - Parameter replace: when false, an existing file at `path` is an error (now and at commit).
    /// - Throws: `OutputError` naming the path.
    /// - Parameter registry: where the temporary file is registered, so an interrupted run can
    ///   remove it.
    public init(
        path: String, replace: Bool, registry: TemporaryFileRegistry = TemporaryFileRegistry()
    ) throws(OutputError) {
        if !replace && AtomicFileWriter.exists(path) { throw .exists(path: path) }
        let directory = AtomicFileWriter.directory(of: path)
        let base = AtomicFileWriter.baseName(of: path)
        guard let (fd, temporary) = registry.create(template: "\(directory)/.\(base).dedup-tmp-XXXXXX", mode: 0o644) else {
            throw .writeFailed(path: path, message: String(cString: strerror(errno)))
        }
        self.path = path
        self.fd = fd
        self.replace = replace
        self.temporary = temporary
        self.registry = registry
    }

    deinit {
        if fd >= 0 {
            close(fd)
            registry.discard(temporary)
        }
    }

    /// Appends `bytes` (buffered; a write error is reported by `commit`).
    public func append(_ bytes: [UInt8]) {
        buffer += bytes
        if buffer.count >= Self.flushSize { flush() }
    }

    /// Writes the rest, syncs, and renames the file into place.
    /// - Throws: `OutputError` naming the path for any write error since the stream was opened.
    public func commit() throws(OutputError) {
        flush()
        if failure == nil {
            if fsync(fd) != 0 { failure = .writeFailed(path: path, message: String(cString: strerror(errno))) }
        }
        let closed = close(fd)
        fd = -1
        if failure == nil && closed != 0 { failure = .writeFailed(path: path, message: String(cString: strerror(errno))) }
        if failure == nil && registry.commit(temporary, to: path, replace: replace) != 0 {
            failure = !replace && errno == EEXIST
                ? .exists(path: path) : .writeFailed(path: path, message: String(cString: strerror(errno)))
        }
        if let failure {
            registry.discard(temporary)
            throw failure
        }
    }

    private func flush() {
        defer { buffer.removeAll(keepingCapacity: true) }
        guard failure == nil, fd >= 0 else { return }
        var written = 0
        buffer.withUnsafeBytes { bytes in
            while written < bytes.count {
                let n = Glibc.write(fd, bytes.baseAddress! + written, bytes.count - written)  // safe: count > 0
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = .writeFailed(path: path, message: String(cString: strerror(errno)))
                    return
                }
                written += n
            }
        }
    }
}
