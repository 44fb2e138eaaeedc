import Testing
@testable import Dedup

@Suite struct UTF8InputDecoderTests {
    let decoder = UTF8InputDecoder()

    @Test func wellFormedTextPassesThroughUnchanged() {
        let text = "科技“突围”\n\nplain ASCII\n".bytes
        let decoded = decoder.decode(text)
        #expect(decoded.bytes == text)
        #expect(decoded.replacedSequences == 0)
        #expect(decoded.firstReplacementLine == nil)
        #expect(!decoded.hadByteOrderMark)
    }

    @Test func leadingByteOrderMarkIsStripped() {
        let decoded = decoder.decode([0xEF, 0xBB, 0xBF] + "甲乙".bytes)
        #expect(decoded.bytes == "甲乙".bytes)
        #expect(decoded.hadByteOrderMark)
    }

    @Test func crlfAndLoneCRBecomeLF() {
        let decoded = decoder.decode("a\r\nb\rc\r\n\r\nd\r".bytes)
        #expect(decoded.bytes.utf8String == "a\nb\nc\n\nd\n")
    }

    @Test func illFormedBytesAreReplacedAndCounted() {
        // 0xFF is never valid; E4 B8 is a truncated 3-byte sequence (one maximal subpart).
        let raw: [UInt8] = "ok\nline2 ".bytes + [0xFF] + " x ".bytes + [0xE4, 0xB8] + "\n".bytes
        let decoded = decoder.decode(raw)
        #expect(decoded.replacedSequences == 2)
        #expect(decoded.bytes.utf8String == "ok\nline2 \u{FFFD} x \u{FFFD}\n")
        #expect(decoded.firstReplacementLine == 2)
    }

    @Test func surrogatesAndOverlongFormsAreIllFormed() {
        let surrogate: [UInt8] = [0xED, 0xA0, 0x80]  // U+D800
        let overlong: [UInt8] = [0xC0, 0xAF]
        let decoded = decoder.decode(surrogate + overlong)
        #expect(decoded.bytes.utf8String == String(repeating: "\u{FFFD}", count: 5))
        #expect(decoded.replacedSequences == 5)
    }

    @Test func truncatedSequenceAtEndOfInput() {
        let decoded = decoder.decode("end".bytes + [0xF0, 0x9F, 0x98])
        #expect(decoded.bytes.utf8String == "end\u{FFFD}")
        #expect(decoded.replacedSequences == 1)
    }

    @Test func matchesSwiftStringRepairOnArbitraryBytes() {
        var generator = SplitMix64(seed: 7)
        for _ in 0..<500 {
            let length = Int(generator.next() % 64)
            let raw = (0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
                .map { $0 == 0x0D ? 0x0A : $0 }
            let decoded = decoder.decode(raw)
            var expected = Array(String(decoding: raw, as: UTF8.self).utf8)
            if expected.starts(with: [0xEF, 0xBB, 0xBF]) { expected.removeFirst(3) }
            #expect(decoded.bytes == expected)
        }
    }

    @Test func aDefectIsFoundAtEveryOffsetOfMixedText() {
        // Long enough for the 16-byte block scan: ASCII runs and 3-byte sequences, shifted by 0 to
        // 15 bytes so that every block alignment occurs. A defect put at each offset, also inside a
        // character, must be repaired as Swift's String repairs it; a CR must become LF.
        let sample = "Debian 计划和自由软件基金会的 GNU 计划有什么区别？ see https://www.debian.org/doc/ 。"
        let defects: [[UInt8]] = [[0xFF], [0x80], [0xE4, 0xB8], [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0xF0, 0x9F, 0x98], [0xC2]]
        for shift in 0..<16 {
            let text = (String(repeating: "a", count: shift) + sample).bytes
            #expect(decoder.decode(text).bytes == text)
            for offset in 0...text.count {
                for defect in defects {
                    let raw = Array(text[..<offset]) + defect + Array(text[offset...])
                    let expected = Array(String(decoding: raw, as: UTF8.self).utf8)
                    #expect(decoder.decode(raw).bytes == expected, "defect \(defect) at \(offset), shift \(shift)")
                }
                guard offset == text.count || text[offset] & 0xC0 != 0x80 else { continue }
                let raw = Array(text[..<offset]) + [0x0D] + Array(text[offset...])
                #expect(decoder.decode(raw).bytes == Array(text[..<offset]) + [0x0A] + Array(text[offset...]), "CR at \(offset), shift \(shift)")
            }
        }
    }
}

/// A small seeded generator so property tests are reproducible.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
