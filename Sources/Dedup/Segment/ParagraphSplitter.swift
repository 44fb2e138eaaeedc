// Design note: a byte scan for LF (memchr-speed) plus a blankness check per line. A line is blank
// when it holds only ASCII spaces/tabs/form feeds or code points ICU calls White_Space or
// Default_Ignorable (U+3000, NBSP, zero-width space, BOM…); the ICU lookup runs only for non-ASCII
// bytes at the start of a line, so prose lines cost one byte test. O(n), no allocation but the result.
import Glibc

/// Splits decoded text into paragraphs: maximal runs of non-blank lines.
public struct ParagraphSplitter: Sendable {
    public init() {}

    /// - Parameter text: well-formed UTF-8 with LF line ends (`DecodedText.bytes`).
    /// - Returns: each paragraph's byte range, from the first byte of its first line to the last
    ///   byte of its last line (no trailing LF), in document order.
    /// - Complexity: O(n) in the byte count.
    public func split(_ text: [UInt8]) -> [UTF8ByteRange] {
        text.withUnsafeBufferPointer { split($0) }
    }

    public func split(_ text: UnsafeBufferPointer<UInt8>) -> [UTF8ByteRange] {
        var result: [UTF8ByteRange] = []
        // Paragraphs of prose are a hundred bytes or more: one allocation instead of a dozen
        // regrowths (pages reserved but not touched cost nothing).
        result.reserveCapacity(text.count / 64 + 1)
        var paragraphStart: Int? = nil
        var paragraphEnd = 0
        var lineStart = 0
        let count = text.count
        while lineStart < count {
            // safe: lineStart < count, so the base address is non-nil and the range is in bounds.
            let found = memchr(text.baseAddress! + lineStart, 0x0A, count - lineStart)
            let lineEnd = found.map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) - text.baseAddress! } ?? count
            if isBlankLine(text, lineStart, lineEnd) {
                if let start = paragraphStart {
                    result.append(UTF8ByteRange(start, paragraphEnd))
                    paragraphStart = nil
                }
            } else {
                if paragraphStart == nil { paragraphStart = lineStart }
                paragraphEnd = lineEnd
            }
            lineStart = lineEnd + 1
        }
        if let start = paragraphStart {
            result.append(UTF8ByteRange(start, paragraphEnd))
        }
        return result
    }

    /// True when every line of `text` is blank: what a paragraph becomes when quote repair
    /// removes its only visible marks (`）` followed by U+200F). Such a paragraph is dropped, since
    /// splitting the output again would not see it as one.
    /// - Complexity: O(n).
    func isBlank(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        var start = 0
        while start <= text.count {
            var end = start
            while end < text.count && text[end] != 0x0A { end += 1 }
            if !isBlankLine(text, start, end) { return false }
            start = end + 1
        }
        return true
    }

    /// True when the line holds nothing a reader can see.
    @inline(__always)
    func isBlankLine(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var i = start
        while i < end {
            let b = text[i]
            switch b {
            case 0x20, 0x09, 0x0B, 0x0C:
                i += 1
            case 0x00..<0x80:
                return false
            case 0xE4...0xE9:
                // U+4000–U+9FFF (CJK ideographs, Yijing symbols): visible, no ICU call needed.
                return false
            default:
                let (scalar, length) = UTF8Scalar.decode(text, at: i, end: end)
                guard ICUBridge.isInvisibleOrSpace(scalar) else { return false }
                i += length
            }
        }
        return true
    }
}
