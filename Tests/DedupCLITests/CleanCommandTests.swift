import Foundation
import Testing

@Suite struct CleanCommandTests {
    let expected = DedupProcess.repositoryRoot.appendingPathComponent("fixtures/seed/expected.txt").path

    @Test func cleansAFileToStandardOutput() throws {
        let result = try DedupProcess.run(["clean", DedupProcess.seedPath])
        #expect(result.status == 0)
        #expect(result.stdout == (try DedupProcess.read(expected)))
        #expect(result.stderr.contains("36 paragraphs in, 4 removed (exact 4"))
    }

    @Test func readsStandardInputWithDashOrNoArgument() throws {
        let seed = try DedupProcess.read(DedupProcess.seedPath)
        let dash = try DedupProcess.run(["clean", "-"], stdin: seed)
        let none = try DedupProcess.run(["clean"], stdin: seed)
        #expect(dash.status == 0 && none.status == 0)
        #expect(dash.stdout == (try DedupProcess.read(expected)))
        #expect(none.stdout == dash.stdout)
    }

    @Test func writesOutputFileAndReport() throws {
        let dir = try DedupProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let before = try DedupProcess.read(DedupProcess.seedPath)
        let result = try DedupProcess.run([
            "clean", DedupProcess.seedPath, "-o", dir + "/clean.txt", "--report", dir + "/report.jsonl",
        ])
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty)
        #expect(try DedupProcess.read(dir + "/clean.txt") == (try DedupProcess.read(expected)))
        #expect(try DedupProcess.read(DedupProcess.seedPath) == before)

        let lines = String(decoding: try DedupProcess.read(dir + "/report.jsonl"), as: UTF8.self)
            .split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        #expect(lines.first?["record"] as? String == "header")
        let removed = lines.filter { $0["record"] as? String == "removed" }
        #expect(removed.map { $0["paragraph"] as? Int } == [28, 29, 30, 31])
        #expect(removed.map { ($0["kept"] as? [String: Any])?["paragraph"] as? Int } == [25, 26, 27, 27])
        #expect(removed.allSatisfy { $0["doc"] as? String == DedupProcess.seedPath && $0["reason"] as? String == "exact" })
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["clean.txt", "report.jsonl"])
    }

    @Test func existingOutputNeedsForce() throws {
        let dir = try DedupProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let out = dir + "/clean.txt"
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: out))
        let refused = try DedupProcess.run(["clean", DedupProcess.seedPath, "-o", out])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains(out) && refused.stderr.contains("--force"))
        #expect(try DedupProcess.read(out) == Array("keep me".utf8))
        let forced = try DedupProcess.run(["clean", DedupProcess.seedPath, "-o", out, "--force"])
        #expect(forced.status == 0)
        #expect(try DedupProcess.read(out) == (try DedupProcess.read(expected)))
    }

    @Test func refusesToWriteOverItsInput() throws {
        let dir = try DedupProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let input = dir + "/in.txt"
        let original = try DedupProcess.read(DedupProcess.seedPath)
        try Data(original).write(to: URL(fileURLWithPath: input))
        let result = try DedupProcess.run(["clean", input, "-o", input, "--force"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("over an input"))
        #expect(try DedupProcess.read(input) == original)
    }

    @Test func badFlagIsAUsageError() throws {
        let result = try DedupProcess.run(["clean", "--no-such-flag", DedupProcess.seedPath])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--no-such-flag"))
        let negative = try DedupProcess.run(["clean", "--min-chars", "-3", DedupProcess.seedPath])
        #expect(negative.status == 2)
    }

    @Test func missingFileNamesTheFileAndExitsOne() throws {
        let result = try DedupProcess.run(["clean", "/no/such/file.txt"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("/no/such/file.txt"))
        #expect(result.stdout.isEmpty)
    }

    @Test func invalidUTF8IsReplacedWithAWarning() throws {
        let dir = try DedupProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let input = dir + "/bad.txt"
        try Data(Array("第一段\r\n\r\n第二".utf8) + [0xFF, 0xFE] + Array("段\r\n".utf8)).write(to: URL(fileURLWithPath: input))
        let result = try DedupProcess.run(["clean", input])
        #expect(result.status == 0)
        #expect(result.stdoutText == "第一段\n\n第二\u{FFFD}\u{FFFD}段\n")
        #expect(result.stderr.contains("\(input): 2 ill-formed UTF-8 sequences replaced with U+FFFD (first at line 3)"))
    }

    @Test func minCharsZeroRemovesShortRepeats() throws {
        let text = Array("本报记者 张鑫\n\n本报记者 张鑫\n".utf8)
        let kept = try DedupProcess.run(["clean", "-q"], stdin: text)
        #expect(kept.stdoutText == "本报记者 张鑫\n\n本报记者 张鑫\n")
        #expect(kept.stderr.isEmpty)
        let removed = try DedupProcess.run(["clean", "--min-chars", "0", "-q"], stdin: text)
        #expect(removed.stdoutText == "本报记者 张鑫\n")
    }

    @Test func helpIsWrittenInSentences() throws {
        let result = try DedupProcess.run(["clean", "--help"])
        #expect(result.status == 0)
        let flowing = result.stdoutText.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(flowing.contains("Reads standard input when it is '-' or left out."))
        #expect(flowing.contains("Replace the output file or report if it already exists."))
    }
}
