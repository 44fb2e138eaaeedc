import CICU

// Design note: one pass over the raw bytes. Input that is already well-formed UTF-8 with LF line
// ends and no BOM (the common case) is returned without a copy; otherwise output is built lazily
// from the first byte that needs a change. The scan over bytes that need none is
// `dedup_utf8_unchanged_prefix` (C: word-at-a-time ASCII). Ill-formed sequences are replaced per the Unicode
// "maximal subpart" practice (the same as ICU, Swift's String and WHATWG), one U+FFFD each.
// Worst case: O(n) time, one output buffer of at most 3n bytes (every byte replaced by U+FFFD).

/// Decodes raw bytes that claim to be UTF-8 into `DecodedText`: strips a leading BOM, turns CRLF and
/// lone CR into LF, and replaces ill-formed sequences with U+FFFD, counting them.
public struct UTF8InputDecoder: Sendable {
    public init() {}

    public func decode(_ raw: [UInt8]) -> DecodedText {
        let (decoded, unchanged) = raw.withUnsafeBufferPointer { decode($0, copyUnchanged: false) }
        guard unchanged else { return decoded }
        // Input that needs no change (the common case) shares `raw`'s storage instead of a copy.
        var shared = decoded
        shared.bytes = raw
        return shared
    }

    /// What `decode(raw)` gives for bytes known to need no change — valid UTF-8 without a BOM,
    /// NUL or CR (`dedup_utf8_plain_prefix` covers them all) — without scanning them: `raw`
    /// itself, shared.
    func plain(_ raw: [UInt8]) -> DecodedText {
        DecodedText(bytes: raw, encoding: "UTF-8", replacedSequences: 0, firstReplacementLine: nil, hadByteOrderMark: false)
    }

    public func decode(_ raw: UnsafeBufferPointer<UInt8>) -> DecodedText {
        decode(raw, copyUnchanged: true).0
    }

    /// - Returns: the decoded text and whether it equals `raw` byte for byte; when it does and
    ///   `copyUnchanged` is false, `bytes` is left empty for the caller to fill.
    private func decode(_ raw: UnsafeBufferPointer<UInt8>, copyUnchanged: Bool) -> (DecodedText, Bool) {
        let count = raw.count
        var start = 0
        let hadBOM = count >= 3 && raw[0] == 0xEF && raw[1] == 0xBB && raw[2] == 0xBF
        if hadBOM { start = 3 }

        var output: [UInt8]? = nil
        var copiedUpTo = start
        var replaced = 0
        var firstBadOffset: Int? = nil
        var i = start

        // Appends raw[copiedUpTo..<upTo] and then `replacement` to the lazily created output.
        func flush(upTo end: Int, then replacement: [UInt8], resumeAt: Int) {
            if output == nil {
                output = []
                output!.reserveCapacity(count + 16)  // safe: assigned on the line above
            }
            output!.append(contentsOf: UnsafeBufferPointer(rebasing: raw[copiedUpTo..<end]))
            output!.append(contentsOf: replacement)
            copiedUpTo = resumeAt
        }

        while i < count {
            // Tight scan over what needs no change (ASCII but CR, well-formed sequences), in C:
            // 8 ASCII bytes a step.
            // safe: i < count, so the base address is non-nil.
            let j = i + Int(dedup_utf8_unchanged_prefix(raw.baseAddress! + i, Int64(count - i)))
            i = j
            guard i < count else { break }
            let b = raw[i]
            if b < 0x80 {
                if b == 0x0D {
                    let next = i + 1
                    // CRLF: drop the CR; lone CR: becomes LF.
                    if next < count && raw[next] == 0x0A {
                        flush(upTo: i, then: [], resumeAt: next)
                    } else {
                        flush(upTo: i, then: [0x0A], resumeAt: next)
                    }
                }
                i += 1
                continue
            }
            let valid = validSequenceLength(raw, at: i)
            if valid > 0 {
                i += valid
                continue
            }
            // -valid is the length of the maximal subpart to replace (at least one byte).
            let bad = max(1, -valid)
            if firstBadOffset == nil { firstBadOffset = (output?.count ?? 0) + (i - copiedUpTo) }
            replaced += 1
            flush(upTo: i, then: [0xEF, 0xBF, 0xBD], resumeAt: i + bad)
            i += bad
        }

        let bytes: [UInt8]
        let unchanged = output == nil && start == 0
        if var built = output {
            built.append(contentsOf: UnsafeBufferPointer(rebasing: raw[copiedUpTo..<count]))
            bytes = built
        } else if unchanged && !copyUnchanged {
            bytes = []
        } else {
            bytes = Array(UnsafeBufferPointer(rebasing: raw[start..<count]))
        }
        let line = firstBadOffset.map { offset in lineNumber(in: bytes, at: offset) }
        let decoded = DecodedText(
            bytes: bytes, encoding: "UTF-8", replacedSequences: replaced,
            firstReplacementLine: line, hadByteOrderMark: hadBOM)
        return (decoded, unchanged)
    }

    @inline(__always)
    private func validSequenceLength(_ raw: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        Self.sequenceLength(raw, at: i)
    }

    /// Length of the well-formed sequence starting at `i` (a non-ASCII lead byte), or the negated
    /// length of its maximal ill-formed subpart.
    @inline(__always)
    static func sequenceLength(_ raw: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        let b0 = raw[i]
        let count = raw.count
        let needed: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch b0 {
        case 0xC2...0xDF: needed = 1
        case 0xE0: needed = 2; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: needed = 2
        case 0xED: needed = 2; high = 0x9F
        case 0xF0: needed = 3; low = 0x90
        case 0xF1...0xF3: needed = 3
        case 0xF4: needed = 3; high = 0x8F
        default: return -1
        }
        var j = 1
        while j <= needed {
            guard i + j < count else { return -j }
            let b = raw[i + j]
            let lo: UInt8 = j == 1 ? low : 0x80
            let hi: UInt8 = j == 1 ? high : 0xBF
            if b < lo || b > hi { return -j }
            j += 1
        }
        return needed + 1
    }

    private func lineNumber(in bytes: [UInt8], at offset: Int) -> Int {
        var line = 1
        for b in bytes[..<min(offset, bytes.count)] where b == 0x0A { line += 1 }
        return line
    }
}
