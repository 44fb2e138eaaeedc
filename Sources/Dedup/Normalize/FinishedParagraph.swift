/// A paragraph of the output: the text of one kept input paragraph, or of several rejoined ones.
public struct FinishedParagraph: Sendable, Equatable {
    /// Where an input paragraph's text begins inside `text`.
    public struct Segment: Sendable, Equatable {
        /// 0-based index of the input paragraph.
        public var paragraph: Int
        /// UTF-8 offset in `text` where that paragraph's text starts.
        public var byteOffset: Int

        public init(paragraph: Int, byteOffset: Int) {
            self.paragraph = paragraph
            self.byteOffset = byteOffset
        }
    }

    /// The text as written (UTF-8, no trailing newline).
    public var text: [UInt8]
    /// The input paragraph the text starts with.
    public var firstParagraph: Int
    /// The input paragraphs joined after the first, with where each starts (empty for most
    /// paragraphs, so a paragraph costs no allocation for it).
    public var joinedSegments: [Segment]

    /// The input paragraphs it came from, in order; the first starts at offset 0.
    public var segments: [Segment] {
        [Segment(paragraph: firstParagraph, byteOffset: 0)] + joinedSegments
    }

    public init(text: [UInt8], paragraph: Int) {
        self.text = text
        self.firstParagraph = paragraph
        self.joinedSegments = []
    }

    /// - Parameter segments: at least one; the first must start at offset 0.
    public init(text: [UInt8], segments: [Segment]) {
        self.text = text
        self.firstParagraph = segments.first?.paragraph ?? 0
        self.joinedSegments = Array(segments.dropFirst())
    }

    /// `location(ofByte:)` of each of `offsets`, in one pass over the text: a paragraph with
    /// thousands of quote repairs is not walked once per repair.
    /// - Complexity: O(n + k log k) for k offsets.
    public func locations(ofBytes offsets: [Int]) -> [(paragraph: Int, character: Int)] {
        var result = [(paragraph: Int, character: Int)](repeating: (firstParagraph, 0), count: offsets.count)
        var next = 0  // the next joined segment
        var paragraph = firstParagraph
        var position = 0  // bytes of the current segment before here are counted in `characters`
        var characters = 0
        for k in offsets.indices.sorted(by: { offsets[$0] < offsets[$1] }) {
            let offset = offsets[k]
            while next < joinedSegments.count && joinedSegments[next].byteOffset <= offset {
                paragraph = joinedSegments[next].paragraph
                position = joinedSegments[next].byteOffset
                characters = 0
                next += 1
            }
            let end = min(offset, text.count)
            while position < end {
                if text[position] & 0xC0 != 0x80 { characters += 1 }
                position += 1
            }
            result[k] = (paragraph, characters)
        }
        return result
    }

    /// The input paragraph and the character (scalar) offset inside it of a byte offset in `text`.
    /// - Complexity: O(n) in the segment's length.
    public func location(ofByte offset: Int) -> (paragraph: Int, character: Int) {
        locations(ofBytes: [offset])[0]
    }
}
