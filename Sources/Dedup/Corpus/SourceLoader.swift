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
    private let decoder = UTF8InputDecoder()

    public init(format: InputFormat, textField: String, idField: String) {
        self.format = format
        self.textField = textField
        self.idField = idField
    }

    /// - Throws: `InputError` naming the file when it cannot be read or decompressed.
    /// - Complexity: O(n) in the decompressed size.
    public func load(_ file: CorpusInputFile) throws(InputError) -> LoadedSource {
        let raw: [UInt8]
        switch file.location {
        case .path(let path): raw = try reader.read(path: path)
        case .standardInput: raw = try reader.readStandardInput()
        }
        let bytes = try gzip.decodeIfCompressed(raw, path: file.displayPath)
        switch format {
        case .text:
            let document = SourceDocument(id: DocumentID(file.documentName), decoded: decoder.decode(bytes))
            return LoadedSource(items: [.document(document)], bytesRead: raw.count)
        case .jsonl:
            return LoadedSource(items: records(in: bytes, file: file), bytesRead: raw.count)
        }
    }

    private func records(in bytes: [UInt8], file: CorpusInputFile) -> [SourceItem] {
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
        return items
    }
}
