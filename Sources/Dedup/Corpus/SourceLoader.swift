import Glibc

/// Reads one input (a file or standard input), decompresses gzip data, and splits it into
/// documents: the whole file for `text`, one per non-blank line for `jsonl`.
///
/// The whole input is held in memory while it is processed (a file is the unit of work); the
/// runner bounds how many are in flight.
public struct SourceLoader: Sendable {
    public var format: InputFormat
    public var textField: String
    public var idField: String
    private let reader = FileReader()
    private let gzip = GzipDecoder()
    /// Text files: encoding detection, conversion, binary detection, `--strict`.
    private let textDecoder: InputDecoder
    /// JSONL: JSON text is UTF-8 by definition; a record's text is repaired, never converted.
    private let decoder = UTF8InputDecoder()

    public init(format: InputFormat, textField: String, idField: String, input: InputHandling = DedupConfiguration.default.input) {
        self.format = format
        self.textField = textField
        self.idField = idField
        self.textDecoder = InputDecoder(options: input)
    }

    /// - Throws: `InputError` naming the file when it cannot be read or decompressed.
    /// - Complexity: O(n) in the decompressed size.
    public func load(_ file: CorpusInputFile) throws(InputError) -> LoadedSource {
        let raw: [UInt8]
        switch file.location {
        case .path(let path):
            if let range = file.byteRange, file.partEncoding != nil {
                raw = try Self.readBytes(of: path, in: range)
            } else if let range = file.byteRange {
                raw = try Self.readLines(of: path, startingIn: range)
            } else {
                // A file with an identity was `lstat`ed as a regular file by the walk.
                raw = try reader.read(path: path, seenRegular: file.identity != nil)
            }
        case .standardInput: raw = try reader.readStandardInput()
        case .bufferedStandardInput(let bytes): raw = bytes
        }
        // (A part of a text file is never compressed data, whatever its first bytes.)
        let bytes = file.isTextPart ? raw : try gzip.decodeIfCompressed(raw, path: file.displayPath)
        switch format {
        case .text:
            let decoded: DecodedText
            do throws(InputDecodingError) {
                if let encoding = file.partEncoding {
                    var forced = textDecoder.options
                    forced.encoding = .named(encoding)
                    var part = try InputDecoder(options: forced).decode(bytes, path: file.displayPath)
                    part.basis = file.partEncodingBasis ?? part.basis
                    decoded = part
                } else {
                    decoded = try textDecoder.decode(bytes, path: file.displayPath)
                }
            } catch {
                throw .undecodable(error)
            }
            let document = SourceDocument(id: DocumentID(file.documentName), decoded: decoded)
            // A part's lines are counted so that later parts can name lines of the whole file.
            let lines = file.isTextPart ? Self.newlineCount(raw) : 0
            return LoadedSource(items: [.document(document)], bytesRead: raw.count, lineCount: lines)
        case .jsonl:
            let (items, lines) = records(in: bytes, file: file)
            return LoadedSource(items: items, bytesRead: raw.count, lineCount: lines)
        }
    }

    /// Exactly the bytes of `range` of the file at `path` (a part of a text file), read with `pread`.
    /// - Complexity: O(range).
    static func readBytes(of path: String, in range: Range<Int>) throws(InputError) -> [UInt8] {
        let fd = try openRegularFile(path)
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: range.count)
        var filled = 0
        while filled < range.count {
            let n = bytes.withUnsafeMutableBytes {
                pread(fd, $0.baseAddress! + filled, range.count - filled, off_t(range.lowerBound + filled))
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw .readFailed(path: path, message: String(cString: strerror(errno)))
            }
            if n == 0 {
                throw .readFailed(path: path, message: "the file became shorter while it was read")
            }
            filled += n
        }
        return bytes
    }

    /// A descriptor for reading the regular file at `path` (never blocks on a FIFO that replaced
    /// it since the walk); the caller closes it.
    private static func openRegularFile(_ path: String) throws(InputError) -> Int32 {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        if fd < 0 { throw FileReader.error(errno, path: path) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            close(fd)
            throw .notRegularFile(path: path, kind: FileReader.kindName(info.st_mode & S_IFMT))
        }
        return fd
    }

    static func newlineCount(_ bytes: [UInt8]) -> Int {
        var count = 0
        for byte in bytes where byte == 0x0A { count += 1 }
        return count
    }

    /// The lines of the file at `path` that start inside `range` (a line starts at offset 0 or
    /// right after a newline), read with `pread`.
    /// - Complexity: O(range + the length of the last line).
    static func readLines(of path: String, startingIn range: Range<Int>) throws(InputError) -> [UInt8] {
        let fd = try openRegularFile(path)
        defer { close(fd) }
        // Start one byte early: if it is a newline, the line at range.lowerBound is ours.
        let start = max(0, range.lowerBound - 1)
        let lastOwned = range.upperBound - 1 - start  // index of the range's last byte in `bytes`
        var bytes: [UInt8] = []
        bytes.reserveCapacity(range.count + 1)
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var offset = start
        var unscanned = lastOwned  // where the search for the final newline resumes
        while true {
            let n = chunk.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, off_t(offset)) }
            if n < 0 {
                if errno == EINTR { continue }
                throw .readFailed(path: path, message: String(cString: strerror(errno)))
            }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
            offset += n
            // Done once the line holding the range's last byte has ended.
            if bytes.count > unscanned {
                if bytes[unscanned...].contains(0x0A) { break }
                unscanned = bytes.count
            }
        }
        var from = 0
        if range.lowerBound > 0 {
            guard let newline = bytes.firstIndex(of: 0x0A) else { return [] }
            from = newline + 1
        }
        var to = bytes.count
        if lastOwned < bytes.count, let newline = bytes[lastOwned...].firstIndex(of: 0x0A) { to = newline + 1 }
        return from < to ? Array(bytes[from..<to]) : []
    }

    /// The records of `bytes` and its number of lines. Line numbers count from the start of
    /// what was read (the runner renumbers the parts of a file).
    private func records(in bytes: [UInt8], file: CorpusInputFile) -> ([SourceItem], Int) {
        var items: [SourceItem] = []
        var lineStart = 0
        var lineNumber = 0
        while lineStart < bytes.count {
            lineNumber += 1
            var lineEnd = lineStart
            while lineEnd < bytes.count && bytes[lineEnd] != 0x0A { lineEnd += 1 }
            let next = lineEnd + 1
            var contentEnd = lineEnd
            if contentEnd > lineStart && bytes[contentEnd - 1] == 0x0D { contentEnd -= 1 }
            let line = Array(bytes[lineStart..<contentEnd])
            lineStart = next
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            do {
                var record = try JSONLRecord.parse(
                    line: line, lineNumber: lineNumber, path: file.displayPath, textField: textField,
                    idField: idField)
                let decoded = decoder.decode(record.text)
                record.text = []
                let id = record.id ?? "\(file.documentName):\(lineNumber)"
                items.append(.document(SourceDocument(id: DocumentID(id), decoded: decoded, record: record)))
            } catch {
                items.append(.unusableRecord(line: line, error: error))
            }
        }
        return (items, lineNumber)
    }
}
