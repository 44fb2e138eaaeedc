import Foundation
import Testing
@testable import Dedup

@Suite struct CorpusRunnerTests {
    static let boilerplate = "（本版图片除署名外，均来自《内蒙古日报》）"

    /// A small corpus with repeats inside and across documents.
    func makeCorpus(_ tree: TemporaryTree, documents: Int = 40) throws {
        var rng = SplitMix64(seed: 11)
        let pool = (0..<25).map { "第\($0)段：这是一个用于测试的段落，内容足够长以便参与去重。" }
        for d in 0..<documents {
            var paragraphs = [Self.boilerplate]
            for _ in 0..<6 { paragraphs.append(pool[Int(rng.next() % UInt64(pool.count))]) }
            paragraphs.append("独有段落 \(d)：只在这一篇里出现的内容。")
            try tree.write("in/\(d % 3)/doc-\(d).txt", paragraphs.joined(separator: "\n\n") + "\n")
        }
    }

    struct Outcome: Equatable {
        var outputs: [[UInt8]]
        var removals: [[Removal]]
        var ids: [DocumentID] = []
    }

    func run(_ tree: TemporaryTree, jobs: Int, scope: DedupScope = .corpus, windowFiles: Int = 7) -> Outcome {
        var configuration = DedupConfiguration.default
        configuration.corpus.scope = scope
        let files = InputWalker(filter: GlobFilter(include: ["*.txt"], exclude: []), followSymlinks: false)
            .walk([tree.path("in")]).files
        let runner = CorpusRunner(
            configuration: configuration, options: .init(jobs: jobs, windowFiles: windowFiles))
        var planner = ScopedPlanner(configuration: configuration)
        var outcome = Outcome(outputs: [], removals: [])
        runner.run(files, destinations: files.map { _ in .caller }, planner: &planner) { unit in
            outcome.outputs.append(unit.output ?? [])
            outcome.removals.append(unit.documents.flatMap(\.plan.removals))
            outcome.ids += unit.documents.map(\.id)
        }
        return outcome
    }

    @Test func resultsDoNotDependOnJobsOrWindow() throws {
        let tree = try TemporaryTree()
        defer { tree.remove() }
        try makeCorpus(tree)
        let one = run(tree, jobs: 1)
        #expect(run(tree, jobs: 2) == one)
        #expect(run(tree, jobs: 4, windowFiles: 1) == one)
        #expect(run(tree, jobs: 3, windowFiles: 1000) == one)
        #expect(one.outputs.count == 40)
    }

    @Test func corpusScopeRemovesCrossDocumentRepeatsDocumentScopeKeepsThem() throws {
        let tree = try TemporaryTree()
        defer { tree.remove() }
        try makeCorpus(tree, documents: 5)
        let corpus = run(tree, jobs: 2)
        let document = run(tree, jobs: 2, scope: .document)
        let boilerplate = Self.boilerplate.bytes
        let withBoilerplate = { (outcome: Outcome) in
            outcome.outputs.filter { $0.starts(with: boilerplate) }.count
        }
        #expect(withBoilerplate(corpus) == 1)
        #expect(withBoilerplate(document) == 5)
        // Under document scope every kept copy is in the same document; under corpus scope the
        // boilerplate of documents 2-5 points back to the first document.
        for (removals, id) in zip(document.removals, document.ids) {
            #expect(removals.allSatisfy { $0.kept.document == id })
        }
        #expect(corpus.removals.dropFirst().allSatisfy { removals in
            removals.contains { $0.paragraph == 0 && $0.kept == ParagraphRef(document: corpus.ids[0], paragraph: 0) }
        })
    }

    @Test func aFileThatVanishesAfterTheWalkIsReportedAndTheRestContinue() throws {
        let tree = try TemporaryTree()
        defer { tree.remove() }
        try makeCorpus(tree, documents: 6)
        let files = InputWalker(filter: GlobFilter(include: ["*.txt"], exclude: []), followSymlinks: false)
            .walk([tree.path("in")]).files
        try FileManager.default.removeItem(atPath: tree.path("in/1/doc-1.txt"))
        var tally = CorpusTally()
        var planner = ScopedPlanner(configuration: .default)
        CorpusRunner(configuration: .default, options: .init(jobs: 2))
            .run(files, destinations: files.map { _ in .discard }, planner: &planner) { tally.add($0) }
        #expect(tally.files == 6)
        #expect(tally.summary.documents == 5)
        #expect(tally.filesFailed == 1)
        #expect(tally.failures.map(\.path) == [tree.path("in/1/doc-1.txt")])
        #expect(tally.failures.first?.message.contains("no such file") == true)
    }

    @Test func jsonlRecordsAreDocumentsAndUnusableLinesPassThrough() throws {
        let tree = try TemporaryTree()
        defer { tree.remove() }
        let text = "重复的段落，足够长，可以被删除。"
        try tree.write("in/a.jsonl", """
            {"id":"r1","text":"\(text)\\n\\n第一条","n":1}
            not json

            {"text":"\(text)","n":2}
            {"id":3,"text":"\(text)\\r\\n\\r\\n\(text)"}

            """)
        let files = InputWalker(filter: GlobFilter(include: ["*.jsonl"], exclude: []), followSymlinks: false)
            .walk([tree.path("in")]).files
        var units: [FinishedUnit] = []
        var planner = ScopedPlanner(configuration: .default)
        CorpusRunner(configuration: .default, options: .init(jobs: 2, format: .jsonl, dropEmpty: true))
            .run(files, destinations: [.caller], planner: &planner) { units.append($0) }
        let unit = try #require(units.first)
        #expect(unit.output?.utf8String == """
            {"id":"r1","text":"\(text)\\n\\n第一条","n":1}
            not json

            """)
        #expect(unit.documents.map(\.id.rawValue) == ["r1", "a.jsonl:4", "3"])
        #expect(unit.documents.map(\.dropped) == [false, true, true])
        #expect(unit.unusableRecords.map(\.line) == [2])
    }

    @Test func aJSONLFileReadInPartsGivesTheSameOutputReportAndLineNumbers() throws {
        let tree = try TemporaryTree()
        defer { tree.remove() }
        var rng = SplitMix64(seed: 3)
        var lines: [String] = []
        for n in 0..<300 {
            let paragraphs = (0..<3).map { _ in "段落\(rng.next() % 40)：这一段的内容足够长，可以参与去重的判断。" }
            let text = paragraphs.joined(separator: "\\n\\n")
            switch n % 50 {
            case 7: lines.append("")
            case 13: lines.append("{broken")
            case 21: lines.append("{\"text\":\"\(String(repeating: "长", count: 3000))\"}")
            default: lines.append(n % 3 == 0 ? "{\"id\":\"r\(n)\",\"text\":\"\(text)\"}" : "{\"text\":\"\(text)\",\"n\":\(n)}")
            }
        }
        try tree.write("in/big.jsonl", lines.joined(separator: "\n") + "\n")
        let files = InputWalker(filter: GlobFilter(include: ["*.jsonl"], exclude: []), followSymlinks: false)
            .walk([tree.path("in")]).files

        func run(jobs: Int, partBytes: Int, to output: String) throws -> (tally: CorpusTally, ids: [String], errors: [Int]) {
            var options = CorpusRunner.Options(jobs: jobs, format: .jsonl, windowFiles: 3)
            options.partBytes = partBytes
            var tally = CorpusTally()
            var ids: [String] = []
            var errors: [Int] = []
            var planner = ScopedPlanner(configuration: .default)
            CorpusRunner(configuration: .default, options: options)
                .run(files, destinations: [.file(tree.path(output))], planner: &planner) { unit in
                    tally.add(unit)
                    ids += unit.documents.map(\.id.rawValue)
                    errors += unit.unusableRecords.map(\.line)
                    #expect(unit.outputFailure == nil)
                }
            return (tally, ids, errors)
        }
        let whole = try run(jobs: 1, partBytes: 1 << 30, to: "whole.jsonl")
        let parts = try run(jobs: 2, partBytes: 997, to: "parts.jsonl")
        #expect(whole.tally.files == 1 && parts.tally.files == 1)
        #expect(parts.ids == whole.ids)
        #expect(parts.errors == whole.errors)
        #expect(whole.errors == [14, 64, 114, 164, 214, 264])
        #expect(whole.ids.contains("big.jsonl:299") && whole.ids.contains("r3"))
        #expect(parts.tally.summary == whole.tally.summary)
        #expect(try Fixtures.bytes(tree.path("parts.jsonl")) == (try Fixtures.bytes(tree.path("whole.jsonl"))))
        #expect(try Fixtures.bytes(tree.path("whole.jsonl")).filter { $0 == 0x0A }.count == 294)
    }

    @Test func partsOwnTheLinesThatStartInThem() throws {
        let tree = try TemporaryTree()
        defer { tree.remove() }
        let text = "a\nbb\n\nccc\ndddd"
        try tree.write("f", text)
        let bytes = text.bytes
        for size in 1...bytes.count + 1 {
            var joined: [UInt8] = []
            for start in stride(from: 0, to: bytes.count, by: size) {
                joined += try SourceLoader.readLines(of: tree.path("f"), startingIn: start..<min(start + size, bytes.count))
            }
            #expect(joined == bytes, "part size \(size)")
        }
    }
}
