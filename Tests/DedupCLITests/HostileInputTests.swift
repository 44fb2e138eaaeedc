import Foundation
import Glibc
import Testing

/// End-to-end: the built binary on legacy encodings, broken bytes, odd files and huge paragraphs.
/// Every test checks that the inputs are unchanged and that messages name the file and the problem.
@Suite struct HostileInputTests {
    static let expectedSeed = DedupProcess.repositoryRoot.appendingPathComponent("fixtures/seed/expected.txt").path

    static func fixture(_ name: String) -> String {
        DedupProcess.repositoryRoot.appendingPathComponent("fixtures/encodings/\(name)").path
    }

    /// Runs `arguments` and checks that every file in `inputs` has the same bytes afterwards.
    static func runChecked(
        _ arguments: [String], inputs: [String], timeout: TimeInterval = 60
    ) throws -> DedupProcess.Result {
        let before = try inputs.map { try DedupProcess.read($0) }
        let result = try DedupProcess.run(arguments, timeout: timeout)
        for (path, bytes) in zip(inputs, before) {
            #expect(try DedupProcess.read(path) == bytes, "input \(path) changed")
        }
        return result
    }

    static func write(_ bytes: [UInt8], to path: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    /// Paragraphs built to make a per-mark rescan quadratic: 60 000 stray quotes, closing marks
    /// under 30 000 open brackets of another family, ASCII pairs far from the Chinese that
    /// decides them, a run that restarts a URL scheme at every letter. Each took minutes (the
    /// first, 6 s for a third of it) before the balancer, the repair locations and the
    /// punctuation pass were made linear; now the whole file takes well under a second in a
    /// release build, so a hang fails on the timeout.
    @Test func pathologicalMarkPatternsCleanInLinearTime() throws {
        let dir = try DedupProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let paragraphs = [
            "中" + String(repeating: "“", count: 60_000),
            String(repeating: "「", count: 30_000) + String(repeating: "”", count: 30_000) + "好",
            "a" + String(repeating: "()", count: 60_000) + "中",
            "a" + String(repeating: "\"\"", count: 60_000) + "中",
            "中文,www.x " + String(repeating: "1a", count: 60_000),
        ]
        let input = dir + "/marks.txt"
        try Self.write(Array(paragraphs.joined(separator: "\n\n").utf8), to: input)
        let result = try Self.runChecked(["clean", input, "-o", dir + "/out.txt", "--report", dir + "/r.jsonl"], inputs: [input], timeout: 120)
        #expect(result.status == 0)
        let output = String(decoding: try DedupProcess.read(dir + "/out.txt"), as: UTF8.self).split(separator: "\n")
        #expect(output.count == 5)
        #expect(output.first == "中")
        #expect(output.dropFirst().first == "好")
        #expect(output.last?.hasPrefix("中文，www.x 1a1a") == true)
    }

    @Test func gb18030CopyCleansToTheSameTextAsTheUTF8Original() throws {
        let dir = try DedupProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let input = Self.fixture("seed.gb18030.txt")
        let result = try Self.runChecked(["clean", input, "--report", dir + "/r.jsonl"], inputs: [input])
        #expect(result.status == 0)
        #expect(result.stdout == (try DedupProcess.read(Self.expectedSeed)))
        #expect(result.stderr.contains("\(input): read as GB18030 (detected, ICU confidence"))
        let report = String(decoding: try DedupProcess.read(dir + "/r.jsonl"), as: UTF8.self)
        #expect(report.contains(#"{"record":"input","doc":"\#(input)","encoding":"GB18030","replaced":0,"oversized_paragraphs":0}"#))
    }

    @Test func big5CopyCleansToTheSameTextAsTheUTF8Original() throws {
        let big5 = Self.fixture("zh-tw.big5.txt")
        let utf8 = Self.fixture("zh-tw.utf8.txt")
        let fromBig5 = try Self.runChecked(["clean", big5], inputs: [big5])
        let fromUTF8 = try Self.runChecked(["clean", utf8], inputs: [utf8])
        #expect(fromBig5.status == 0 && fromUTF8.status == 0)
        #expect(fromBig5.stdout == fromUTF8.stdout)
        #expect(fromBig5.stderr.contains("30 paragraphs in, 2 removed"))
        #expect(fromBig5.stderr.contains("\(big5): read as Big5"))
        // Forcing the encoding gives the same.
        let forced = try Self.runChecked(["clean", "--encoding", "big5", big5], inputs: [big5])
        #expect(forced.stdout == fromUTF8.stdout)
    }

    @Test func shiftJISIsDetectedAndConverted() throws {
        let sjis = Self.fixture("ja.shift_jis.txt")
        let result = try Self.runChecked(["clean", sjis], inputs: [sjis])
        #expect(result.status == 0)
        #expect(result.stdout == (try DedupProcess.read(Self.fixture("ja.utf8.txt"))))
        #expect(result.stderr.contains("read as Shift_JIS"))
    }

    @Test(arguments: [false, true])
    func utf16WithByteOrderMark(bigEndian: Bool) throws {
        let dir = try DedupProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let seed = String(decoding: try DedupProcess.read(DedupProcess.seedPath), as: UTF8.self)
        var bytes: [UInt8] = bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]
        for unit in seed.utf16 {
            bytes += bigEndian ? [UInt8(unit >> 8), UInt8(unit & 0xFF)] : [UInt8(unit & 0xFF), UInt8(unit >> 8)]
        }
        let input = dir + "/seed-utf16.txt"
        try Self.write(bytes, to: input)
        let result = try Self.runChecked(["clean", input, "-o", dir + "/out.txt"], inputs: [input])
        #expect(result.status == 0)
        #expect(try DedupProcess.read(dir + "/out.txt") == (try DedupProcess.read(Self.expectedSeed)))
        #expect(result.stderr.contains("\(input): read as UTF-16\(bigEndian ? "BE" : "LE") (byte-order mark)"))
    }

    @Test func invalidBytesAreReplacedOrWithStrictFailTheFile() throws {
        let dir = try DedupProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let input = dir + "/broken.txt"
        try Self.write(Array("第一段，完整的文字。\n\n第二段".utf8) + [0xE6, 0x96] + Array("在这里。\n".utf8), to: input)
        let lenient = try Self.runChecked(["clean", input], inputs: [input])
        #expect(lenient.status == 0)
        #expect(lenient.stdoutText == "第一段，完整的文字。\n\n第二段\u{FFFD}在这里。\n")
        #expect(lenient.stderr.contains("\(input): 1 ill-formed UTF-8 sequence replaced with U+FFFD (first at line 3)"))

        let out = dir + "/out.txt"
        let strict = try Self.runChecked(["clean", "--strict", input, "-o", out], inputs: [input])
        #expect(strict.status == 1)
        #expect(strict.stderr.contains("\(input): invalid UTF-8 byte sequence at line 3 (--strict)"))
        #expect(!FileManager.default.fileExists(atPath: out))

        let gbInput = dir + "/broken-gb.txt"
        var gb = try DedupProcess.read(Self.fixture("seed.gb18030.txt"))
        gb.insert(0xFF, at: 40)
        try Self.write(gb, to: gbInput)
        let gbStrict = try Self.runChecked(["clean", "--strict", gbInput], inputs: [gbInput])
        #expect(gbStrict.status == 1)
        // Four line breaks precede byte 40 of the seed in GB18030 (`head -c 40 | tr -cd "\\n"`).
        #expect(gbStrict.stderr.contains("dedup: error: \(gbInput): invalid GB18030 byte sequence at line 5 (--strict)"))
        #expect(gbStrict.stdout.isEmpty)
        let gbLenient = try Self.runChecked(["clean", gbInput], inputs: [gbInput])
        #expect(gbLenient.status == 0)
        #expect(gbLenient.stderr.contains("1 ill-formed GB18030 sequence replaced with U+FFFD (first at line"))
    }

    @Test func binaryFileIsSkippedWithExitOne() throws {
        let dir = try DedupProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let input = dir + "/image.txt"
        try Self.write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48], to: input)
        let out = dir + "/out.txt"
        let result = try Self.runChecked(["clean", input, "-o", out], inputs: [input])
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(input): skipped, binary file (contains NUL bytes)"))
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func emptyAndWhitespaceOnlyFilesGiveEmptyOutputs() throws {
        let dir = try DedupProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for (name, content) in [("empty.txt", ""), ("blank.txt", " \n\t\r\n\u{3000}\u{200B}\n\n  ")] {
            let input = dir + "/" + name
            try Self.write(Array(content.utf8), to: input)
            let out = dir + "/out-" + name
            let result = try Self.runChecked(["clean", input, "-o", out], inputs: [input])
            #expect(result.status == 0, "\(name)")
            #expect(try DedupProcess.read(out).isEmpty, "\(name)")
            #expect(result.stderr.contains("0 paragraphs in"))
        }
    }

    @Test func fifoNamedAsInputIsNeverOpened() throws {
        let dir = try DedupProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let fifo = dir + "/pipe.txt"
        #expect(mkfifo(fifo, 0o644) == 0)
        // Opening a FIFO for reading blocks until a writer comes: a hang would hit the timeout.
        let result = try DedupProcess.run(["clean", fifo], timeout: 20)
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(fifo): skipped, not a regular file (a FIFO)"))
        let device = try DedupProcess.run(["clean", "/dev/zero"], timeout: 20)
        #expect(device.status == 1)
        #expect(device.stderr.contains("/dev/zero: skipped, not a regular file (a character device)"))
    }

    @Test func lastLineWithoutNewlineIsKept() throws {
        let dir = try DedupProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let input = dir + "/no-eol.txt"
        try Self.write(Array("第一段落的文字内容在这里\n\n最后一段没有换行符的文字内容".utf8), to: input)
        let result = try Self.runChecked(["clean", input], inputs: [input])
        #expect(result.status == 0)
        #expect(result.stdoutText == "第一段落的文字内容在这里\n\n最后一段没有换行符的文字内容\n")
    }

    @Test func legacyEncodingOnStandardInputIsDetectedToo() throws {
        let gb = try DedupProcess.read(Self.fixture("seed.gb18030.txt"))
        let result = try DedupProcess.run(["clean", "-"], stdin: gb)
        #expect(result.status == 0)
        #expect(result.stdout == (try DedupProcess.read(Self.expectedSeed)))
        #expect(result.stderr.contains("dedup: note: -: read as GB18030"))
    }

    @Test func unknownEncodingIsAUsageErrorNamingIt() throws {
        let result = try DedupProcess.run(["clean", "--encoding", "klingon-8", DedupProcess.seedPath])
        #expect(result.status == 2)
        #expect(result.stderr.contains("Unknown encoding 'klingon-8'"))
        let zero = try DedupProcess.run(["clean", "--max-paragraph-bytes", "0", DedupProcess.seedPath])
        #expect(zero.status == 2)
        #expect(zero.stderr.contains("--max-paragraph-bytes"))
    }
}
