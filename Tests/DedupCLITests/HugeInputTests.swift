import Foundation
import Testing

/// End-to-end size tests: one giant paragraph full of quotes and line breaks, under and over
/// `--max-paragraph-bytes`, and a linearity check (twice the input must not take much more than
/// twice the time). They bound whatever the pipeline contains — normalizer and near-duplicate
/// stages included — by a generous timeout, so quadratic behaviour fails here.
@Suite(.serialized) struct HugeInputTests {
    /// `megabytes` MB of one paragraph: lines of Chinese with curly, straight and corner quotes,
    /// no blank line anywhere, no final newline.
    static func giantParagraph(megabytes: Int) -> [UInt8] {
        let line = Array("他说：“这是一句带引号的话”，\"straight quotes\" 「角括号」‘单引号’ and more text，".utf8)
        let target = megabytes << 20
        var bytes: [UInt8] = []
        bytes.reserveCapacity(target + line.count + 16)
        var counter = 0
        while bytes.count < target {
            bytes += line
            bytes += Array(String(counter).utf8)
            bytes.append(0x0A)
            counter += 1
        }
        bytes.removeLast()
        return bytes
    }

    static func withInput<R>(_ bytes: [UInt8], _ body: (String, String) throws -> R) throws -> R {
        let dir = try DedupProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let input = dir + "/giant.txt"
        try Data(bytes).write(to: URL(fileURLWithPath: input))
        return try body(input, dir)
    }

    @Test func oversizedParagraphPassesThroughUnchangedAndCounted() throws {
        let bytes = Self.giantParagraph(megabytes: 20)
        try Self.withInput(bytes) { input, dir in
            let out = dir + "/out.txt"
            let report = dir + "/report.jsonl"
            let result = try DedupProcess.run(
                ["clean", input, "-o", out, "--report", report, "--max-paragraph-bytes", "1000000"], timeout: 120)
            #expect(result.status == 0)
            #expect(try DedupProcess.read(out) == bytes + [0x0A])
            #expect(result.stderr.contains("\(input): 1 paragraph over --max-paragraph-bytes passed through"))
            #expect(result.stderr.contains("1 oversized paragraphs kept unchecked"))
            let lines = String(decoding: try DedupProcess.read(report), as: UTF8.self)
            #expect(lines.contains(#""encoding":"UTF-8","replaced":0,"oversized_paragraphs":1}"#))
            #expect(try DedupProcess.read(input) == bytes)
        }
    }

    @Test func twentyMegabyteParagraphIsCheckedInLinearTime() throws {
        let bytes = Self.giantParagraph(megabytes: 20)
        try Self.withInput(bytes) { input, dir in
            // Raise the limit so the whole pipeline (normalization, fingerprinting) sees it.
            let result = try DedupProcess.run(
                ["clean", input, "-o", dir + "/out.txt", "--max-paragraph-bytes", "64000000"], timeout: 120)
            #expect(result.status == 0)
            #expect(result.stderr.contains("1 paragraphs in, 0 removed"))
            #expect(!result.stderr.contains("oversized"))
            // Normalized (lines joined, quotes paired and nested), so not byte-identical; nothing
            // but marks and line breaks may go.
            let output = try DedupProcess.read(dir + "/out.txt")
            #expect(output.last == 0x0A)
            #expect(Double(output.count) > Double(bytes.count) * 0.9)
            #expect(!output.dropLast().contains(0x0A), "one paragraph, its lines joined")
        }
    }

    @Test func doublingTheInputRoughlyDoublesTheTime() throws {
        func seconds(_ megabytes: Int) throws -> Double {
            try Self.withInput(Self.giantParagraph(megabytes: megabytes)) { input, dir in
                let start = Date()
                let result = try DedupProcess.run(
                    ["clean", input, "-o", dir + "/out.txt", "--max-paragraph-bytes", "64000000"], timeout: 120)
                #expect(result.status == 0)
                #expect(!result.stderr.contains("oversized"))
                return Date().timeIntervalSince(start)
            }
        }
        let small = try seconds(8)
        let large = try seconds(32)
        // Linear: ~4x. Quadratic would be ~16x. Allow noise from a shared machine.
        #expect(large < small * 8, "8 MB took \(small) s, 32 MB took \(large) s")
    }
}

/// A text file larger than one part (4 MiB) is read in parts; the result is the one of the same
/// text read whole (standard input is never split).
@Suite struct LargeFileInPartsTests {
    @Test func aFileReadInPartsCleansLikeTheSameTextOnStandardInput() throws {
        let seed = try DedupProcess.read(DedupProcess.seedPath)
        var text: [UInt8] = []
        var n = 0
        while text.count < 9 << 19 {  // 4.5 MiB: two parts
            text += seed + [0x0A, 0x0A]
            for k in 0..<40 {
                text += Array("第\(n)篇第\(k)段，这一段的编号是\(n * 40 + k)，用来让文件足够大而且大部分段落都不重复。\n\n".utf8)
            }
            n += 1
        }
        let dir = try DedupProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let input = dir + "/big.txt"
        try Data(text).write(to: URL(fileURLWithPath: input))
        let parts = try DedupProcess.run(["clean", input, "-o", dir + "/parts.txt", "--jobs", "2", "-q"], timeout: 300)
        let whole = try DedupProcess.run(["clean", "-", "-o", dir + "/whole.txt", "-q"], stdin: text, timeout: 300)
        #expect(parts.status == 0 && whole.status == 0)
        let partsOutput = try DedupProcess.read(dir + "/parts.txt")
        #expect(partsOutput == (try DedupProcess.read(dir + "/whole.txt")), "outputs differ")
        #expect(partsOutput.count > 1 << 20)
        #expect(try DedupProcess.read(input) == text)

        // GB18030 (the seed's GB18030 fixture and ASCII paragraphs, which GB18030 leaves as they
        // are): read in parts in the encoding detected at its start, noted once, cleaned like
        // the same text in UTF-8.
        let seedGB18030 = try DedupProcess.read(DedupProcess.repositoryRoot.appendingPathComponent("fixtures/encodings/seed.gb18030.txt").path)
        var utf8: [UInt8] = []
        var gb18030: [UInt8] = []
        n = 0
        while gb18030.count < 9 << 19 {
            var ascii: [UInt8] = []
            for k in 0..<60 {
                ascii += Array("Item \(n)-\(k): paragraph number \(n * 60 + k), long enough to take part in deduplication.\n\n".utf8)
            }
            utf8 += seed + [0x0A, 0x0A] + ascii
            gb18030 += seedGB18030 + [0x0A, 0x0A] + ascii
            n += 1
        }
        try Data(gb18030).write(to: URL(fileURLWithPath: dir + "/big.gb18030.txt"))
        let legacy = try DedupProcess.run(["clean", dir + "/big.gb18030.txt", "-o", dir + "/gb.txt", "--jobs", "2"], timeout: 300)
        let original = try DedupProcess.run(["clean", "-", "-o", dir + "/utf8.txt", "-q"], stdin: utf8, timeout: 300)
        #expect(legacy.status == 0 && original.status == 0)
        #expect(legacy.stderr.components(separatedBy: "read as GB18030 (detected").count == 2, "\(legacy.stderr)")
        #expect(legacy.stderr.contains("1 document,"))
        #expect(try DedupProcess.read(dir + "/gb.txt") == (try DedupProcess.read(dir + "/utf8.txt")), "GB18030 output differs")
    }
}
