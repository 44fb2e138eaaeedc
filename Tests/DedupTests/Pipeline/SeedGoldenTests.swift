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
        for repair in cleaned.repairs {
            lines += ReportRecord.repair(document: cleaned.id, repair: repair).jsonLine() + [0x0A]
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

    @Test func outputHoldsTheKeptParagraphsTextInOrder() throws {
        // Normalization changes punctuation, spaces and quotes only: the match keys (which ignore
        // them) of the output equal those of the kept input paragraphs, in order.
        let cleaned = try cleanSeed()
        let removed = cleaned.plan.removedParagraphs
        let seed = try Fixtures.seedBytes()
        var keys = MatchKeyBuilder()
        var expected: [UInt8] = []
        for (index, span) in ParagraphSplitter().split(seed).enumerated() where !removed.contains(index) {
            expected += keys.key(of: Array(seed[span.range])).bytes
        }
        #expect(keys.key(of: cleaned.output).bytes == expected)
    }

    @Test func seedHasTwentyEightParagraphsWithTheFourCutsRejoined() throws {
        let cleaned = try cleanSeed()
        let paragraphs = ParagraphSplitter().split(cleaned.output).map { Array(cleaned.output[$0.range]).utf8String }
        #expect(paragraphs.count == 28)
        #expect(cleaned.normalization.paragraphsRejoined == 4)
        for join in ["生物育种等", "科技型中小企业", "和林格尔新区以来", "建设“智慧物流"] {
            #expect(paragraphs.filter { $0.contains(join) }.count == 1, "\(join)")
        }
        for untouched in ["短评 DUANPING", "2024年", "34亿元", "20%", "和林格尔新区智能制造产业园 张家辉 摄", "直言"] {
            #expect(cleaned.output.utf8String.contains(untouched), "\(untouched)")
        }
        #expect(paragraphs.contains("直言") && paragraphs.contains("本报记者 张鑫"))
    }

    @Test func noASCIIPunctuationTouchesAChineseCharacter() throws {
        let scalars = Array(try cleanSeed().output.utf8String.unicodeScalars)
        let ascii = Set(",;():?!".unicodeScalars)
        for (i, scalar) in scalars.enumerated() where ascii.contains(scalar) {
            let neighbours = [i > 0 ? scalars[i - 1] : nil, i + 1 < scalars.count ? scalars[i + 1] : nil]
            #expect(!neighbours.contains { $0?.properties.isIdeographic == true }, "\(scalar) at \(i)")
        }
    }

    @Test func everyParagraphsQuotesAreBalancedAndNested() throws {
        let cleaned = try cleanSeed()
        for range in ParagraphSplitter().split(cleaned.output) {
            var stack: [Character] = []
            for character in Array(cleaned.output[range.range]).utf8String {
                switch character {
                case "“", "‘", "（", "《", "「", "『":
                    if character == "“" { #expect(stack.last(where: { $0 == "“" || $0 == "‘" }) != "“") }
                    if character == "‘" { #expect(stack.last(where: { $0 == "“" || $0 == "‘" }) == "“") }
                    stack.append(character)
                case "”": #expect(stack.popLast() == "“")
                case "’": #expect(stack.popLast() == "‘")
                case "）": #expect(stack.popLast() == "（")
                case "》": #expect(stack.popLast() == "《")
                default: break
                }
            }
            #expect(stack.isEmpty)
        }
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
