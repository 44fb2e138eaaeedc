import Foundation
import Testing

@Suite struct NormalizeCommandTests {
    let fixture = DedupProcess.repositoryRoot.appendingPathComponent("fixtures/normalize/nested-and-broken-quotes").path

    @Test func normalizesAFileToStandardOutput() throws {
        let result = try DedupProcess.run(["normalize", fixture + "/input.txt"])
        #expect(result.status == 0)
        #expect(result.stdout == (try DedupProcess.read(fixture + "/expected.txt")))
        #expect(result.stderr.contains("dedup normalize: 7 paragraphs in, 7 out"))
        #expect(result.stderr.contains("quote-repairs"))
    }

    @Test func readsStandardInput() throws {
        let input = Array("科技“突围”工程,是自治区部署的\n工程。\n".utf8)
        let dash = try DedupProcess.run(["normalize", "-", "-q"], stdin: input)
        let none = try DedupProcess.run(["normalize", "-q"], stdin: input)
        #expect(dash.status == 0 && none.status == 0)
        #expect(dash.stdoutText == "科技“突围”工程，是自治区部署的工程。\n")
        #expect(none.stdout == dash.stdout)
        #expect(dash.stderr.isEmpty)
    }

    @Test func writesOutputAndReportAtomically() throws {
        let dir = try DedupProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let result = try DedupProcess.run([
            "normalize", fixture + "/input.txt", "-o", dir + "/out.txt", "--report", dir + "/report.jsonl",
        ])
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty)
        #expect(try DedupProcess.read(dir + "/out.txt") == (try DedupProcess.read(fixture + "/expected.txt")))
        let lines = String(decoding: try DedupProcess.read(dir + "/report.jsonl"), as: UTF8.self)
            .split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        #expect(lines.first?["record"] as? String == "header")
        let repairs = lines.dropFirst()
        #expect(!repairs.isEmpty)
        #expect(repairs.allSatisfy { $0["record"] as? String == "repair" && $0["reason"] as? String == "quote-repair" })
        #expect(repairs.contains { $0["action"] as? String == "removed" && $0["mark"] as? String == "”" })
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["out.txt", "report.jsonl"])

        let refused = try DedupProcess.run(["normalize", fixture + "/input.txt", "-o", dir + "/out.txt"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("--force"))
    }

    @Test func stepsCanBeSwitchedOff() throws {
        let input = Array("科技,工程 ＡＢＣ\n“他说“好”。”\n".utf8)
        let all = try DedupProcess.run(["normalize", "-q"], stdin: input)
        #expect(all.stdoutText == "科技，工程 ABC “他说‘好’。”\n")
        let noPunctuation = try DedupProcess.run(["normalize", "-q", "--no-punctuation"], stdin: input)
        #expect(noPunctuation.stdoutText == "科技,工程 ABC “他说‘好’。”\n")
        let noWidth = try DedupProcess.run(["normalize", "-q", "--no-width", "--no-quotes"], stdin: input)
        #expect(noWidth.stdoutText == "科技，工程 ＡＢＣ“他说“好”。”\n")
        let nothing = try DedupProcess.run(["normalize", "-q", "--no-normalize"], stdin: input)
        #expect(nothing.stdoutText == "科技,工程 ＡＢＣ\n“他说“好”。”\n")
    }

    @Test func cleanAcceptsTheSameSwitches() throws {
        let seed = try DedupProcess.read(DedupProcess.seedPath)
        let result = try DedupProcess.run(["clean", "-", "--no-normalize", "-q"], stdin: seed)
        #expect(result.status == 0)
        // Without normalization the ASCII commas stay and the cut paragraphs stay apart.
        #expect(result.stdoutText.contains("科技“突围”工程,是自治区"))
        #expect(result.stdoutText.contains("生物育\n\n种等八大方向"))
    }

    @Test func cleanReportsRepairsAndCountsNormalizations() throws {
        let dir = try DedupProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let result = try DedupProcess.run(["clean", DedupProcess.seedPath, "--report", dir + "/r.jsonl"])
        #expect(result.stderr.contains("4 paragraphs rejoined"))
        let text = String(decoding: try DedupProcess.read(dir + "/r.jsonl"), as: UTF8.self)
        #expect(text.contains(#""record":"repair""#))
        #expect(text.contains(#""paragraph":24,"reason":"quote-repair","action":"removed","mark":"”""#))
    }
}
