import Glibc

/// Reads whole files and standard input as bytes. Never opens anything but a regular file
/// (a FIFO or device named as input would block or never end), and never writes.
public struct FileReader: Sendable {
    public init() {}

    /// Reads the regular file at `path`.
    /// - Parameter seenRegular: the caller saw a regular file at `path` a moment ago (the corpus
    ///   walk `lstat`s every input), so the `stat` that keeps a named device from ever being
    ///   opened is skipped: one system call of six per file of a tree. The file is still checked
    ///   once open, so one swapped for something else since is refused all the same.
    /// - Throws: `InputError` naming the path.
    public func read(path: String, seenRegular: Bool = false) throws(InputError) -> [UInt8] {
        var info = stat()
        if !seenRegular {
            if stat(path, &info) != 0 {
                throw Self.error(errno, path: path)
            }
            let type = info.st_mode & S_IFMT
            if type == S_IFDIR { throw .isDirectory(path: path) }
            if type != S_IFREG { throw .notRegularFile(path: path, kind: Self.kindName(type)) }
        }

        // O_NONBLOCK: should the path be swapped for a FIFO after the stat, open cannot block,
        // and the fstat below refuses it.
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        if fd < 0 { throw Self.error(errno, path: path) }
        defer { close(fd) }
        if fstat(fd, &info) != 0 { throw Self.error(errno, path: path) }
        let openedType = info.st_mode & S_IFMT
        if openedType == S_IFDIR { throw .isDirectory(path: path) }
        if openedType != S_IFREG { throw .notRegularFile(path: path, kind: Self.kindName(openedType)) }
        return try readAll(fd: fd, sizeHint: Int(info.st_size), sizeIsFileSize: true, name: path)
    }

    /// Reads standard input to its end.
    public func readStandardInput() throws(InputError) -> [UInt8] {
        try readAll(fd: 0, sizeHint: 1 << 16, sizeIsFileSize: false, name: "-")
    }

    /// - Parameter sizeIsFileSize: `sizeHint` is a regular file's size from `fstat` (a pipe's
    ///   reads may stop anywhere, so only then does stopping at that size mean the end).
    private func readAll(fd: Int32, sizeHint: Int, sizeIsFileSize: Bool, name: String) throws(InputError) -> [UInt8] {
        // First straight into the array's own storage, up to the expected size plus one byte (to
        // see growth): no chunk to zero and no second copy of the whole file. A read that stops
        // at exactly the expected size is taken as the end of the file, without the read that
        // would return 0 (one system call in nine per file of a tree); one that fills the extra
        // byte goes on below. Only for a regular file, whose reads stop short only at its end.
        var capacity = max(sizeHint + 1, 4096)
        var failure: Int32 = 0
        var atEnd = false
        var bytes = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, initialized in
            initialized = 0
            Self.adviseHugePages(buffer)
            // safe: capacity >= 4096, so the buffer has a base address.
            while initialized < buffer.count {
                let n = Glibc.read(fd, buffer.baseAddress! + initialized, buffer.count - initialized)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                if n == 0 {
                    atEnd = true
                    return
                }
                initialized += n
                if sizeIsFileSize && initialized == sizeHint && sizeHint > 0 {
                    atEnd = true
                    return
                }
            }
        }
        if failure != 0 { throw .readFailed(path: name, message: String(cString: strerror(failure))) }
        if atEnd { return bytes }
        // More than expected (standard input, or a file that grew): the rest in chunks.
        var chunk = [UInt8](repeating: 0, count: min(1 << 20, max(4096, sizeHint + 1)))
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw .readFailed(path: name, message: String(cString: strerror(errno)))
            }
            if n == 0 { break }
            if bytes.count + n > capacity {
                capacity = max(capacity * 2, bytes.count + n)
                bytes.reserveCapacity(capacity)
            }
            bytes.append(contentsOf: chunk[0..<n])
        }
        return bytes
    }

    /// Asks the kernel to back the 2 MiB-aligned interior of a large buffer that is about to be
    /// written with transparent huge pages: one page fault per 2 MiB instead of one per 4 KiB
    /// (reading a 10 MB file took 6 ms, mostly faults, and 2 ms with this). A hint: without THP,
    /// or when it fails, nothing changes.
    static func adviseHugePages(_ buffer: UnsafeMutableBufferPointer<UInt8>) {
        let huge: UInt = 2 << 20
        guard buffer.count >= 2 * Int(huge), let base = buffer.baseAddress else { return }
        let start = (UInt(bitPattern: base) + huge - 1) & ~(huge - 1)
        let end = (UInt(bitPattern: base) + UInt(buffer.count)) & ~(huge - 1)
        guard end > start, let pointer = UnsafeMutableRawPointer(bitPattern: start) else { return }
        _ = madvise(pointer, Int(end - start), MADV_HUGEPAGE)
    }

    static func error(_ code: Int32, path: String) -> InputError {
        switch code {
        case ENOENT, ENOTDIR: .notFound(path: path)
        case EACCES, EPERM: .permissionDenied(path: path)
        case EISDIR: .isDirectory(path: path)
        default: .readFailed(path: path, message: String(cString: strerror(code)))
        }
    }

    static func kindName(_ type: mode_t) -> String {
        switch type {
        case S_IFIFO: "a FIFO"
        case S_IFSOCK: "a socket"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFLNK: "a symbolic link"
        default: "not a regular file"
        }
    }
}
