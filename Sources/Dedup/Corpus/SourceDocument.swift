/// One document read from an input: a whole text file, or one JSON Lines record.
public struct SourceDocument: Sendable {
    public var id: DocumentID
    public var decoded: DecodedText
    /// The record it came from (JSONL only), with its text value emptied to save memory.
    public var record: JSONLRecord?

    public init(id: DocumentID, decoded: DecodedText, record: JSONLRecord? = nil) {
        self.id = id
        self.decoded = decoded
        self.record = record
    }
}

/// One item of an input, in input order: a document to clean, or a JSONL line that is not a
/// usable record and is passed through unchanged.
public enum SourceItem: Sendable {
    case document(SourceDocument)
    case unusableRecord(line: [UInt8], error: JSONLRecordError)
}

/// An input read and split into items.
public struct LoadedSource: Sendable {
    public var items: [SourceItem]
    /// Bytes read from the file (before decompression).
    public var bytesRead: Int
    /// Lines in what was read (JSONL: blank and unusable lines included), so the parts of a
    /// file can be numbered as one.
    public var lineCount: Int = 0
}
