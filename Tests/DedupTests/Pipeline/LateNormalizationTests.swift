import Testing
@testable import Dedup

/// Paragraphs keyed as read are normalized by the assembler, and only if they are written
/// (`DocumentAnalyzer.normalizesLate`).
@Suite struct LateNormalizationTests {
    func normalized(_ text: String) -> [UInt8] {
        var normalizer = ParagraphNormalizer(options: DedupConfiguration.default.normalization)
        return normalizer.normalize(Array(text.utf8)).text
    }

    /// The output is the normalized text of the kept paragraphs, whichever stage normalized them,
    /// and the counts are those of the paragraphs written: a removed repeat's ASCII punctuation
    /// is not counted.
    @Test func theOutputIsNormalizedAndCountsAreThoseOfTheParagraphsWritten() {
        let repeated = "科技突围工程,是自治区(部署)的重点;今年启动。"  // 4 marks: , ( ) ;
        let other = "另一段完全不同的文字,也有标点;用来对照。"  // 2 marks
        let combining = "Ce\u{301}le\u{300}bre: 科技(部署),工程;"  // combining marks: normalized first
        let text = [repeated, other, repeated, combining, combining].joined(separator: "\n\n") + "\n"
        var pipeline = CleaningPipeline(configuration: .default)
        let cleaned = pipeline.clean(Array(text.utf8), id: DocumentID("t"))
        #expect(cleaned.plan.removals.map(\.paragraph) == [2, 4])
        #expect(cleaned.analyzed.paragraphs.map(\.isNormalized) == [false, false, false, true, true])
        var expected = normalized(repeated) + [0x0A, 0x0A] + normalized(other) + [0x0A, 0x0A] + normalized(combining)
        expected.append(0x0A)
        #expect(cleaned.output == expected)
        // 4 + 2 + the combining paragraph's, once each (not the removed copies').
        var alone = NormalizationCounts()
        var normalizer = ParagraphNormalizer(options: DedupConfiguration.default.normalization)
        _ = normalizer.normalizeWithShape(Array(combining.utf8), counts: &alone)
        #expect(alone.punctuation > 0)
        #expect(cleaned.normalization.punctuation == 6 + alone.punctuation)
    }

    /// A document's paragraphs left as read are normalized with the options the analyzer had,
    /// whatever options the assembler was made with (those only choose the after-plan steps).
    @Test func lateParagraphsAreNormalizedWithTheAnalyzersOptions() {
        let text = "科技突围工程,是自治区(部署)的重点;今年启动。\n"
        var analyzer = DocumentAnalyzer(configuration: .default)
        let analyzed = analyzer.analyze(UTF8InputDecoder().decode(Array(text.utf8)), id: DocumentID("t"))
        #expect(analyzed.paragraphs.map(\.isNormalized) == [false])
        var assembler = CleanedTextAssembler(options: .none)
        let assembled = assembler.assembleWithRepairs(analyzed, plan: RemovalPlan(document: DocumentID("t")))
        #expect(assembled.output == normalized(String(text.dropLast())) + [0x0A])
        #expect(assembled.counts.punctuation == 4)
    }

    /// Without fingerprints (the second pass of a two-pass run, whose plans are made), every
    /// paragraph is left as read, even with Traditional-Simplified on, and the assembler writes
    /// what it writes after a fingerprinting analysis, for the same plan.
    @Test func withoutFingerprintsTheOutputIsTheSame() {
        var configuration = DedupConfiguration.default
        configuration.normalization.toSimplified = true
        let text = ["科技突围工程,是自治区(部署)的重点;今年啟動。", "Ce\u{301}le\u{300}bre: 科技(部署),工程;", "短"]
            .joined(separator: "\n\n") + "\n"
        let decoded = UTF8InputDecoder().decode(Array(text.utf8))
        var full = DocumentAnalyzer(configuration: configuration)
        var bare = DocumentAnalyzer(configuration: configuration)
        bare.fingerprints = false
        let fingerprinted = full.analyze(decoded, id: DocumentID("t"))
        let asRead = bare.analyze(decoded, id: DocumentID("t"))
        #expect(fingerprinted.paragraphs.allSatisfy { $0.isNormalized })
        #expect(asRead.paragraphs.allSatisfy { !$0.isNormalized })
        #expect(asRead.lateNormalization == configuration.normalization)
        let plan = RemovalPlan(
            document: DocumentID("t"),
            removals: [Removal(paragraph: 2, reason: .exact, kept: ParagraphRef(document: DocumentID("t"), paragraph: 0), similarity: 1)])
        var assembler = CleanedTextAssembler(options: configuration.normalization)
        let expected = assembler.assembleWithRepairs(fingerprinted, plan: plan)
        let got = assembler.assembleWithRepairs(asRead, plan: plan)
        #expect(got.output == expected.output)
        #expect(got.counts == expected.counts)
        #expect(got.output.count > 0 && expected.counts.simplified > 0)
    }
}
