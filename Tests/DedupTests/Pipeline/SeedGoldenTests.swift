import Foundation
import Testing
@testable import Dedup

/// Whole-pipeline golden test on the seed. Re-record with DEDUP_RECORD_GOLDEN=1: the files are
/// rewritten and the test fails once, so the diff gets read before it is committed.
@Suite struct SeedGoldenTests {
    func cleanSeed() throws -> CleanedDocument {
        var pipeline = CleaningPipeline(configuration: .default)
        return pipeline.clean(try Fixtures.seedBytes(), id: DocumentID("seed.txt"))
    }

    func reportLines(_ cleaned: CleanedDocument) -> [UInt8] {
        var lines: [UInt8] = []
        for removal in cleaned.plan.removals {
            lines += ReportRecord.removed(document: cleaned.id, removal: removal).jsonLine() + [0x0A]
        }
        return lines
    }

    @Test func seedMatchesGoldenFiles() throws {
        let cleaned = try cleanSeed()
        try Golden.check(cleaned.output, against: "seed/expected.txt")
        try Golden.check(reportLines(cleaned), against: "seed/expected-report.jsonl")
    }

    @Test func seedRemovesExactlyTheFourRepeats() throws {
        let cleaned = try cleanSeed()
        #expect(cleaned.plan.removals.map(\.paragraph) == [28, 29, 30, 31])
        #expect(cleaned.plan.removals.map(\.kept.paragraph) == [25, 26, 27, 27])
    }

    /// The photo caption `和林格尔新区智能制造产业园 张家辉 摄` shares most of its characters with
    /// body paragraphs about the park; it must not be removed as a fragment of them under any
    /// policy, and nothing but the four exact repeats is removed.
    @Test func onlyTheFourRepeatsGoUnderEveryKeepPolicy() throws {
        for keep in KeepPolicy.allCases {
            var configuration = DedupConfiguration.default
            configuration.near.keep = keep
            var pipeline = CleaningPipeline(configuration: configuration)
            let cleaned = pipeline.clean(try Fixtures.seedBytes(), id: DocumentID("seed.txt"))
            let removed = cleaned.plan.removals.map(\.paragraph)
            switch keep {
            case .first, .longest: #expect(removed == [28, 29, 30, 31], "\(keep)")
            case .none: #expect(removed == [25, 26, 27, 28, 29, 30, 31], "\(keep)")
            }
            #expect(cleaned.plan.removals.allSatisfy { $0.reason == .exact }, "\(keep)")
        }
    }

    @Test func outputIsAnOrderedSubsetOfTheInputParagraphs() throws {
        let cleaned = try cleanSeed()
        let input = cleaned.analyzed.paragraphs.map(\.text)
        let splitter = ParagraphSplitter()
        let output = splitter.split(cleaned.output).map { Array(cleaned.output[$0.range]) }
        var cursor = input.startIndex
        for paragraph in output {
            let found = try #require(input[cursor...].firstIndex(of: paragraph))
            cursor = found + 1
        }
        #expect(output.count == input.count - 4)
    }

    @Test func cleaningTheCleanedSeedChangesNothing() throws {
        let once = try cleanSeed().output
        var pipeline = CleaningPipeline(configuration: .default)
        let twice = pipeline.clean(once, id: DocumentID("again")).output
        #expect(twice == once)
    }
}

enum Golden {
    static func check(_ actual: [UInt8], against relative: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = Fixtures.url(relative)
        if ProcessInfo.processInfo.environment["DEDUP_RECORD_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(actual).write(to: url)
            Issue.record("re-recorded \(relative); read the diff, then run again without DEDUP_RECORD_GOLDEN", sourceLocation: sourceLocation)
            return
        }
        let expected = try Fixtures.bytes(url.path)
        #expect(actual.utf8String == expected.utf8String, "golden file \(relative) differs", sourceLocation: sourceLocation)
    }
}
