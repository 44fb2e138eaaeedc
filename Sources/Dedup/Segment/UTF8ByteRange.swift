/// A half-open range of UTF-8 byte offsets into a document's decoded text.
///
/// The unit is in the name: a byte span is never a character count.
public struct UTF8ByteRange: Hashable, Sendable, Codable {
    public var lowerBound: Int
    public var upperBound: Int

    public init(_ lowerBound: Int, _ upperBound: Int) {
        precondition(lowerBound <= upperBound, "UTF8ByteRange bounds out of order")
        self.lowerBound = lowerBound
        self.upperBound = upperBound
    }

    public var count: Int { upperBound - lowerBound }
    public var range: Range<Int> { lowerBound..<upperBound }
}
