import Testing
@testable import Dedup

@Suite struct OversizedParagraphTests {
    @Test func paragraphsOverTheLimitAreKeptUncheckedAndCounted() {
        var configuration = DedupConfiguration.default
        configuration.input.maxParagraphBytes = 40
        var pipeline = CleaningPipeline(configuration: configuration)
        let long = String(repeating: "很长的段落重复出现", count: 3)  // 81 bytes
        let text = "\(long)\n\n\(long)\n\n甲乙丙丁戊己庚辛壬癸\n\n甲乙丙丁戊己庚辛壬癸\n"
        let cleaned = pipeline.clean(Array(text.utf8), id: DocumentID("d"))
        #expect(cleaned.analyzed.paragraphs.map(\.isOversized) == [true, true, false, false])
        #expect(cleaned.analyzed.oversizedParagraphs == 2)
        // The oversized repeat stays; the small repeat goes.
        #expect(cleaned.plan.removals.map(\.paragraph) == [3])
        var summary = RunSummary()
        summary.oversizedParagraphs = cleaned.analyzed.oversizedParagraphs
        #expect(summary.line(seconds: 0).contains("2 oversized paragraphs kept unchecked"))
        let record = ReportRecord.input(for: cleaned.analyzed)?.jsonLine()
        #expect(record.map { String(decoding: $0, as: UTF8.self) }
            == #"{"record":"input","doc":"d","encoding":"UTF-8","replaced":0,"oversized_paragraphs":2}"#)
    }

    @Test func plainUTF8DocumentsGetNoInputRecord() throws {
        var pipeline = CleaningPipeline()
        let cleaned = pipeline.clean(try Fixtures.seedBytes(), id: DocumentID("seed"))
        #expect(ReportRecord.input(for: cleaned.analyzed) == nil)
    }
}
