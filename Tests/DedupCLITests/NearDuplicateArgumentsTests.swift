import Foundation
import Testing

/// `--threshold`, `--containment`, `--ngram`, `--permutations`, `--keep` through the built binary.
@Suite struct NearDuplicateArgumentsTests {
    static let base = "内蒙古自治区围绕科技突围工程，正在开辟新赛道、培育新动能，推动创新链产业链资金链人才链深度融合，为高质量发展注入强劲动力。"
    static let edited = "内蒙古自治区围绕科技突围工程，正在开辟新赛道、培育新动力，推动创新链产业链资金链人才链深度融合，为高质量发展注入强劲动力。"
    static let fragment = "推动创新链产业链资金链人才链深度融合，为高质量发展注入强劲动力。"
    static let other = "另一段完全不同的文字，讲述草原上的风力发电。"
    static let input = Array([base, other, edited, fragment].joined(separator: "\n\n").utf8)

    func report(_ arguments: [String]) throws -> (DedupProcess.Result, [[String: Any]]) {
        let dir = try DedupProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let result = try DedupProcess.run(["clean", "-", "--report", dir + "/r.jsonl"] + arguments, stdin: Self.input)
        let text = String(decoding: (try? DedupProcess.read(dir + "/r.jsonl")) ?? [], as: UTF8.self)
        let records = text.split(separator: "\n").compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any]
        }
        return (result, records.filter { $0["record"] as? String == "removed" })
    }

    @Test func nearAndContainedRemovalsAreReportedWithTheirSimilarity() throws {
        let (result, removed) = try report([])
        #expect(result.status == 0)
        #expect(result.stdoutText == Self.base + "\n\n" + Self.other + "\n")
        #expect(removed.map { $0["paragraph"] as? Int } == [2, 3])
        #expect(removed.map { $0["reason"] as? String } == ["near", "contained"])
        #expect(removed.allSatisfy { ($0["kept"] as? [String: Any])?["paragraph"] as? Int == 0 })
        let near = removed.first?["similarity"] as? Double ?? 0
        #expect(near >= 0.8 && near < 1)
        #expect(removed.last?["similarity"] as? Double == 1.0)
        #expect(result.stderr.contains("removed (exact 0, near 1, contained 1)"))
    }

    @Test func containmentOffAndAStricterThresholdKeepMore() throws {
        let (_, noFragments) = try report(["--containment", "off"])
        #expect(noFragments.map { $0["paragraph"] as? Int } == [2])
        let (_, strict) = try report(["--containment", "off", "--threshold", "0.99"])
        #expect(strict.isEmpty)
    }

    @Test func keepNoneRemovesEveryCopyAndKeepLongestTheLongest() throws {
        let (none, _) = try report(["--keep", "none"])
        #expect(none.stdoutText == Self.other + "\n")
        let (longest, removed) = try report(["--keep", "longest"])
        #expect(longest.status == 0)
        #expect(removed.map { $0["paragraph"] as? Int } == [2, 3])
    }

    /// `--keep longest|none` across documents of a directory: two passes over the corpus, the
    /// plan made over every document's fingerprints.
    @Test func keepPoliciesSpanTheWholeCorpus() throws {
        let dir = try DedupProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let short = "内蒙古自治区围绕科技突围工程，正在开辟新赛道、培育新动能，推动创新链产业链资金链人才链深度融合。"
        try FileManager.default.createDirectory(atPath: dir + "/in", withIntermediateDirectories: true)
        try Data((short + "\n\n" + Self.other + "\n").utf8).write(to: URL(fileURLWithPath: dir + "/in/a.txt"))
        try Data((Self.base + "\n").utf8).write(to: URL(fileURLWithPath: dir + "/in/b.txt"))
        try Data((Self.edited + "\n").utf8).write(to: URL(fileURLWithPath: dir + "/in/c.txt"))
        let before = try DedupProcess.read(dir + "/in/a.txt")

        let longest = try DedupProcess.run(["clean", dir + "/in", "-o", dir + "/longest", "-q", "--keep", "longest"])
        #expect(longest.status == 0)
        #expect(String(decoding: try DedupProcess.read(dir + "/longest/a.txt"), as: UTF8.self) == Self.other + "\n")
        #expect(String(decoding: try DedupProcess.read(dir + "/longest/b.txt"), as: UTF8.self) == Self.base + "\n")
        #expect(try DedupProcess.read(dir + "/longest/c.txt").isEmpty)

        let none = try DedupProcess.run(["clean", dir + "/in", "-o", dir + "/none", "-q", "--keep", "none"])
        #expect(none.status == 0)
        #expect(String(decoding: try DedupProcess.read(dir + "/none/a.txt"), as: UTF8.self).hasSuffix(Self.other + "\n"))
        #expect(try DedupProcess.read(dir + "/none/b.txt").isEmpty)
        #expect(try DedupProcess.read(dir + "/none/c.txt").isEmpty)

        let first = try DedupProcess.run(["clean", dir + "/in", "-o", dir + "/first", "-q"])
        #expect(first.status == 0)
        #expect(String(decoding: try DedupProcess.read(dir + "/first/a.txt"), as: UTF8.self) == short + "\n\n" + Self.other + "\n")
        #expect(String(decoding: try DedupProcess.read(dir + "/first/b.txt"), as: UTF8.self) == Self.base + "\n")
        #expect(try DedupProcess.read(dir + "/first/c.txt").isEmpty)
        #expect(try DedupProcess.read(dir + "/in/a.txt") == before)
    }

    @Test func theConfigurationIsEchoedInTheHeader() throws {
        let dir = try DedupProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try DedupProcess.run(["clean", "-", "-q", "--report", dir + "/r.jsonl", "--ngram", "4", "--keep", "longest", "--containment", "off", "--permutations", "64"], stdin: Self.input)
        let header = String(decoding: try DedupProcess.read(dir + "/r.jsonl"), as: UTF8.self).split(separator: "\n")[0]
        #expect(header.contains("\"ngram\":4"))
        #expect(header.contains("\"permutations\":64"))
        #expect(header.contains("\"keep\":\"longest\""))
        #expect(!header.contains("\"containment\""))
        #expect(header.contains("\"threshold\":0.8"))
    }

    @Test func badValuesAreUsageErrors() throws {
        for arguments in [["--threshold", "0"], ["--threshold", "1.5"], ["--containment", "2"],
                          ["--containment", "none"], ["--ngram", "0"], ["--keep", "last"],
                          ["--permutations", "4"], ["--permutations", "2048"]] {
            let result = try DedupProcess.run(["clean", "-"] + arguments, stdin: Self.input)
            #expect(result.status == 2, "\(arguments)")
            #expect(result.stderr.contains(arguments[0]), "\(arguments)")
        }
    }
}
