// Design note: one pass over the raw bytes, no allocation. ASCII bytes cost one comparison and a
// table-free range test; non-ASCII bytes are checked as UTF-8 with the same rules (and the same
// "maximal subpart" counting) as `UTF8InputDecoder`. O(n).

/// Counts over raw input bytes that decide how to read them: is it text, is it UTF-8?
public struct ByteSurvey: Sendable, Equatable {
    public var byteCount = 0
    /// 0x00 bytes: never in UTF-8 or legacy CJK text; in UTF-16/32 and binary files.
    public var nulBytes = 0
    /// C0 controls other than TAB, LF, VT, FF, CR and ESC (ESC starts ISO-2022 and terminal
    /// sequences), plus DEL: rare in text, common in binary data.
    public var controlBytes = 0
    /// Well-formed UTF-8 sequences of two or more bytes.
    public var multibyteSequences = 0
    /// Ill-formed UTF-8 sequences (maximal subparts, as `UTF8InputDecoder` would replace them).
    public var invalidSequences = 0

    /// True when every byte is ASCII or part of a well-formed UTF-8 sequence.
    public var isValidUTF8: Bool { invalidSequences == 0 }

    /// Surveys `bytes`.
    /// - Complexity: O(n).
    public init(_ bytes: UnsafeBufferPointer<UInt8>) {
        byteCount = bytes.count
        var i = 0
        let count = bytes.count
        while i < count {
            let b = bytes[i]
            if b < 0x80 {
                if b < 0x20 || b == 0x7F {
                    if b == 0 {
                        nulBytes += 1
                    } else if !(b >= 0x09 && b <= 0x0D) && b != 0x1B {
                        controlBytes += 1
                    }
                }
                i += 1
                continue
            }
            let length = UTF8InputDecoder.sequenceLength(bytes, at: i)
            if length > 0 {
                multibyteSequences += 1
                i += length
            } else {
                invalidSequences += 1
                i += max(1, -length)
            }
        }
    }

    public init(_ bytes: [UInt8]) {
        self = bytes.withUnsafeBufferPointer { ByteSurvey($0) }
    }
}
