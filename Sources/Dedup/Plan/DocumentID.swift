/// A document's stable identity: the input path as given, or relative to its input directory,
/// or a JSONL record's id. Stable across runs and machines, so reports and persisted indexes
/// can refer to it.
public struct DocumentID: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    public var rawValue: String

    public init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    public var description: String { rawValue }

    public static func < (lhs: DocumentID, rhs: DocumentID) -> Bool {
        lhs.rawValue.utf8.lexicographicallyPrecedes(rhs.rawValue.utf8)
    }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
