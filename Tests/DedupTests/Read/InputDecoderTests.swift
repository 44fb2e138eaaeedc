import Testing
@testable import Dedup

@Suite struct InputDecoderTests {
    func decoder(_ encoding: EncodingChoice = .auto, strict: Bool = false) -> InputDecoder {
        InputDecoder(options: InputHandling(encoding: encoding, strict: strict, maxParagraphBytes: 1 << 20))
    }

    func utf16(_ text: String, bigEndian: Bool) -> [UInt8] {
        var bytes: [UInt8] = bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]
        for unit in text.utf16 {
            let pair = [UInt8(unit >> 8), UInt8(unit & 0xFF)]
            bytes += bigEndian ? pair : pair.reversed()
        }
        return bytes
    }

    @Test func legacyFilesDecodeToTheUTF8Original() throws {
        let seed = try Fixtures.seedBytes()
        let gb = try decoder().decode(try Fixtures.bytes(Fixtures.url("encodings/seed.gb18030.txt").path), path: "gb")
        #expect(gb.bytes == UTF8InputDecoder().decode(seed).bytes)
        #expect(gb.encoding == "GB18030" && gb.replacedSequences == 0)
        let big5 = try decoder().decode(try Fixtures.bytes(Fixtures.url("encodings/zh-tw.big5.txt").path), path: "b")
        #expect(big5.bytes == (try Fixtures.bytes(Fixtures.url("encodings/zh-tw.utf8.txt").path)))
        let sjis = try decoder().decode(try Fixtures.bytes(Fixtures.url("encodings/ja.shift_jis.txt").path), path: "j")
        #expect(sjis.bytes == (try Fixtures.bytes(Fixtures.url("encodings/ja.utf8.txt").path)))
    }

    @Test func utf16WithByteOrderMarkBothWays() throws {
        let text = "科技“突围”\r\n\r\n𠀀 supplementary\n"
        for bigEndian in [false, true] {
            let decoded = try decoder().decode(utf16(text, bigEndian: bigEndian), path: "u")
            #expect(decoded.bytes.utf8String == "科技“突围”\n\n𠀀 supplementary\n")
            #expect(decoded.encoding == (bigEndian ? "UTF-16BE" : "UTF-16LE"))
            #expect(decoded.hadByteOrderMark)
        }
    }

    @Test func invalidLegacyBytesAreReplacedCountedAndLocated() throws {
        // GB18030: "中文" LF "好" then a lone lead byte 0x81 before LF, and 0xFF.
        let raw: [UInt8] = [0xD6, 0xD0, 0xCE, 0xC4, 0x0A, 0xBA, 0xC3, 0x81, 0x0A, 0xFF, 0x0A]
        let decoded = try decoder(.named("GB18030")).decode(raw, path: "x.txt")
        #expect(decoded.bytes.utf8String == "中文\n好\u{FFFD}\n\u{FFFD}\n")
        #expect(decoded.replacedSequences == 2)
        #expect(decoded.firstReplacementLine == 2)
    }

    @Test func strictFailsNamingFileEncodingAndLine() {
        let raw: [UInt8] = [0xD6, 0xD0, 0x0A, 0x0A, 0xBA, 0xC3, 0xFF, 0x0A]
        #expect(throws: InputDecodingError.invalidSequence(path: "x.txt", encoding: "GB18030", line: 3)) {
            try decoder(.named("GB18030"), strict: true).decode(raw, path: "x.txt")
        }
        #expect(throws: InputDecodingError.invalidSequence(path: "u.txt", encoding: "UTF-8", line: 2)) {
            try decoder(strict: true).decode("ok\nbad ".bytes + [0xC0] + "\n".bytes, path: "u.txt")
        }
        let message = InputDecodingError.invalidSequence(path: "x.txt", encoding: "GB18030", line: 3).description
        #expect(message == "x.txt: invalid GB18030 byte sequence at line 3 (--strict)")
    }

    @Test func binaryFilesAreRefusedWithAReason() {
        #expect(throws: InputDecodingError.binary(path: "b.bin", reason: "contains NUL bytes")) {
            try decoder().decode([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00], path: "b.bin")
        }
        #expect(throws: InputDecodingError.binary(path: "b.bin", reason: "contains NUL bytes")) {
            try decoder(.named("GB18030")).decode([0x41, 0x00], path: "b.bin")
        }
    }

    @Test func forcedEncodingOverridesDetection() throws {
        // Valid UTF-8 bytes read as Latin-1 on request.
        let decoded = try decoder(.named("ISO-8859-1")).decode("é".bytes, path: "l")
        #expect(decoded.bytes.utf8String == "Ã©")
        #expect(decoded.basis == .forced)
    }

    @Test func utf16WithoutByteOrderMarkNeedsTheEncodingNamed() throws {
        let raw = Array(utf16("中文\n", bigEndian: false).dropFirst(2))
        #expect(throws: InputDecodingError.binary(path: "u", reason: "contains NUL bytes")) {
            try decoder().decode(raw, path: "u")
        }
        #expect(try decoder(.named("UTF-16LE")).decode(raw, path: "u").bytes.utf8String == "中文\n")
    }

    @Test func encodingChoiceParsesNamesICUKnows() {
        #expect(EncodingChoice(argument: "auto") == .auto)
        #expect(EncodingChoice(argument: "gbk") == .named("gbk"))
        #expect(EncodingChoice(argument: "Big5") == .named("Big5"))
        #expect(EncodingChoice(argument: "no-such-charset") == nil)
        #expect(EncodingChoice(argument: "") == nil)
    }

    @Test func emptyAndWhitespaceOnlyInputsDecodeToNothingToKeep() throws {
        #expect(try decoder().decode([], path: "e").bytes.isEmpty)
        let blank = try decoder().decode(" \n\t\r\n\u{3000}\n".bytes, path: "w")
        #expect(ParagraphSplitter().split(blank.bytes).isEmpty)
    }
}
