import Foundation
import Testing
@testable import Dedup

/// Large text files are read in parts (`TextPartPlanner`, `CorpusRunner.Options.textPartBytes`):
/// the result must be the one of reading the file whole.
@Suite struct TextPartTests {
    func cuts(_ text: String, partBytes: Int) -> [Range<Int>] {
        var scanner = TextPartPlanner.CutScanner(partBytes: partBytes)
        let bytes = Array(text.utf8)
        // Fed in small chunks, so state carried across chunk ends is exercised.
        for start in stride(from: 0, to: bytes.count, by: 3) {
            bytes[start..<min(start + 3, bytes.count)].withUnsafeBufferPointer { scanner.scan($0, at: start) }
        }
        return scanner.ranges(fileSize: bytes.count)
    }

    @Test func cutsOnlyRightAfterEmptyLines() {
        let text = "第一段没有结束\n\n第二段结束了。\n\n第三段\r\n\r\n第四段。\n"
        let ranges = cuts(text, partBytes: 1)
        let bytes = Array(text.utf8)
        #expect(ranges.first?.lowerBound == 0 && ranges.last?.upperBound == bytes.count)
        for (a, b) in zip(ranges, ranges.dropFirst()) { #expect(a.upperBound == b.lowerBound) }
        for range in ranges.dropFirst() {
            let before = Array(bytes[..<range.lowerBound].suffix(3))
            #expect(before.suffix(2) == [0x0A, 0x0A] || before == [0x0A, 0x0D, 0x0A])
        }
    }

    @Test func prefersACutAfterClosingPunctuation() {
        // The paragraph before the first empty line past the target ends mid-word (a page break
        // may have cut it): the cut waits for the next one, after `。`.
        let text = "甲乙丙丁戊己庚辛\n\n壬癸子丑寅卯辰巳午未申酉戌亥生物育\n\n种等八大方向。\n\n下一段。\n"
        let ranges = cuts(text, partBytes: 30)
        let bytes = Array(text.utf8)
        #expect(ranges.count >= 2)
        let firstCut = ranges[0].upperBound
        let before = String(decoding: bytes[..<firstCut], as: UTF8.self)
        #expect(before.hasSuffix("。\n\n"))
    }

    @Test func fallsBackToAnyEmptyLineAndKeepsAFileWithoutOneWhole() {
        let unpunctuated = (0..<40).map { "line \($0) without an end" }.joined(separator: "\n\n") + "\n"
        let ranges = cuts(unpunctuated, partBytes: 100)
        #expect(ranges.count > 3)
        #expect(cuts(String(repeating: "no empty line here\n", count: 50), partBytes: 10).count == 1)
    }

    @Test func cutsDoNotDependOnHowTheFileIsChunked() {
        var rng = SplitMix64(seed: 29)
        let pieces = ["", "\r", "  ", "\t", "。", "结束。", "没有结束", "end.", "no end", "”", "（注）", " \r", "a b"]
        for _ in 0..<300 {
            var text = ""
            for _ in 0..<Int(rng.next() % 60) {
                text += pieces[Int(rng.next() % UInt64(pieces.count))]
                if rng.next() % 2 == 0 { text += "\n" }
            }
            let bytes = Array(text.utf8)
            let partBytes = 1 + Int(rng.next() % 40)
            func ranges(chunk: Int) -> [Range<Int>] {
                var scanner = TextPartPlanner.CutScanner(partBytes: partBytes)
                for start in stride(from: 0, to: bytes.count, by: chunk) {
                    bytes[start..<min(start + chunk, bytes.count)].withUnsafeBufferPointer { scanner.scan($0, at: start) }
                }
                return scanner.ranges(fileSize: bytes.count)
            }
            let byteByByte = ranges(chunk: 1)
            #expect(ranges(chunk: max(1, bytes.count)) == byteByByte, "\(text.debugDescription)")
            #expect(ranges(chunk: 1 + Int(rng.next() % 7)) == byteByByte, "\(text.debugDescription)")
            #expect(byteByByte.first?.lowerBound == 0 && byteByByte.last?.upperBound == bytes.count)
        }
    }

    @Test func widePlanKeepsUTF16Whole() throws {
        let tree = try TemporaryTree()
        defer { tree.remove() }
        let text = String(repeating: "段落。\n\n", count: 200)
        var utf16: [UInt8] = [0xFF, 0xFE]
        for unit in text.utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        try tree.write("wide.txt", utf16)
        let planner = TextPartPlanner(partBytes: 64, encoding: .auto)
        #expect(planner.plan(path: tree.path("wide.txt"), size: utf16.count) == nil)
        try tree.write("narrow.txt", Array(text.utf8))
        let plan = try #require(planner.plan(path: tree.path("narrow.txt"), size: text.utf8.count))
        #expect(plan.encoding == "UTF-8" && plan.ranges.count > 10)
    }

    struct Run {
        var output: [UInt8]
        var report: [UInt8]
        var tally: CorpusTally
        var units = 0
    }

    func run(_ path: String, output: String, textPartBytes: Int, jobs: Int, configuration: DedupConfiguration = .default) -> Run {
        var options = CorpusRunner.Options(jobs: jobs, windowFiles: 4, windowBytes: 4096)
        options.textPartBytes = textPartBytes
        options.rendersReport = true
        let files = InputWalker(filter: GlobFilter(include: [], exclude: []), followSymlinks: false).walk([path]).files
        var result = Run(output: [], report: [], tally: CorpusTally())
        var planner = ScopedPlanner(configuration: configuration)
        CorpusRunner(configuration: configuration, options: options)
            .run(files, destinations: [.file(output)], planner: &planner) { unit in
                result.tally.add(unit)
                result.report += unit.reportLines
                result.units += 1
            }
        result.output = (try? Fixtures.bytes(output)) ?? []
        return result
    }

    @Test(arguments: [1, 2])
    func aFileReadInPartsCleansLikeTheWholeFile(jobs: Int) throws {
        let tree = try TemporaryTree()
        defer { tree.remove() }
        // The seed three times: repeats inside each copy and across copies, four cut paragraphs
        // per copy, quote repairs; and invalid bytes in the last copy.
        let seed = try Fixtures.bytes(Fixtures.seedPath)
        var text = seed + [0x0A, 0x0A] + seed + [0x0A, 0x0A] + seed
        text += Array("\n\n最后一段含有坏字节".utf8) + [0xFF, 0xFE] + Array("，结束。\n".utf8)
        try tree.write("in/big.txt", text)
        let whole = run(tree.path("in/big.txt"), output: tree.path("whole.txt"), textPartBytes: 1 << 30, jobs: 1)
        let parts = run(tree.path("in/big.txt"), output: tree.path("parts.txt"), textPartBytes: 2000, jobs: jobs)
        #expect(whole.units == 1 && parts.units > 10)
        #expect(parts.output == whole.output, "outputs differ")
        // The same records; the input record comes after the removals instead of first.
        let wholeLines = whole.report.split(separator: 0x0A)
        let partLines = parts.report.split(separator: 0x0A)
        #expect(wholeLines.count == partLines.count)
        #expect(wholeLines.sorted { $0.lexicographicallyPrecedes($1) } == partLines.sorted { $0.lexicographicallyPrecedes($1) }, "report records differ")
        #expect(String(decoding: wholeLines[0], as: UTF8.self).hasPrefix("{\"record\":\"input\""))
        #expect(parts.tally.summary == whole.tally.summary)
        #expect(parts.tally.files == 1 && parts.tally.summary.documents == 1)
        #expect(parts.tally.encodings == ["UTF-8": 1])
        #expect(whole.tally.summary.replacedSequences == 2)
        #expect(!whole.output.isEmpty && whole.tally.summary.normalization.paragraphsRejoined >= 4)
        #expect(try Fixtures.bytes(tree.path("in/big.txt")) == text)
    }

    @Test func aStrictErrorInALaterPartNamesTheLineOfTheWholeFile() throws {
        let tree = try TemporaryTree()
        defer { tree.remove() }
        var text: [UInt8] = []
        for n in 0..<200 { text += Array("第\(n)段，这是一个测试段落。\n\n".utf8) }
        text += Array("坏".utf8) + [0xC3] + Array("。\n".utf8)
        try tree.write("in/big.txt", text)
        var configuration = DedupConfiguration.default
        configuration.input.strict = true
        let parts = run(tree.path("in/big.txt"), output: tree.path("out.txt"), textPartBytes: 500, jobs: 2, configuration: configuration)
        #expect(parts.units > 5)
        #expect(parts.tally.failures.count == 1)
        #expect(parts.tally.failures.first?.message.contains("at line 401") == true)
        #expect(!FileManager.default.fileExists(atPath: tree.path("out.txt")))
    }
}
