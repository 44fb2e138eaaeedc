import Testing
@testable import Dedup

@Suite struct BatchDuplicatePlannerTests {
    static let base = NearDuplicateDetectionTests.chinese
    static let edited = NearDuplicateDetectionTests.chineseEdited
    static let longer = NearDuplicateDetectionTests.chinese + "各地纷纷行动。"
    static let fragment = "推动创新链产业链资金链人才链深度融合，为高质量发展注入强劲动力。"

    func documents(_ configuration: DedupConfiguration) -> [AnalyzedDocument] {
        let texts = [
            ("a.txt", [Self.base, "本报记者 张鑫", NearDuplicateDetectionTests.latin]),
            ("b.txt", [Self.edited, "另一段完全不同的文字，讲述草原上的风力发电。", Self.fragment]),
            ("c.txt", [Self.longer, NearDuplicateDetectionTests.latinEdited, "本报记者 张鑫", Self.base]),
        ]
        var analyzer = DocumentAnalyzer(configuration: configuration)
        return texts.map { id, paragraphs in
            analyzer.analyze(UTF8InputDecoder().decode(paragraphs.joined(separator: "\n\n").bytes), id: DocumentID(id))
        }
    }

    func batch(_ keep: KeepPolicy) -> [RemovalPlan] {
        var configuration = DedupConfiguration.default
        configuration.near.keep = keep
        return BatchDuplicatePlanner(configuration: configuration)
            .plans(for: documents(configuration).map(DocumentFingerprints.init))
    }

    func ref(_ document: String, _ paragraph: Int) -> ParagraphRef {
        ParagraphRef(document: DocumentID(document), paragraph: paragraph)
    }

    @Test func keepFirstInABatchEqualsStreaming() {
        var detector = DuplicateDetector(configuration: .default)
        let streamed = documents(.default).map { detector.plan(for: $0) }
        #expect(batch(.first) == streamed)
        #expect(streamed.map { $0.removals.map(\.paragraph) } == [[], [0, 2], [0, 1, 3]])
    }

    @Test func keepLongestKeepsTheLongestCopy() {
        let plans = batch(.longest)
        // c.txt#0 is the longest version: every other copy points at it.
        #expect(plans[0].removals.map(\.paragraph) == [0])
        #expect(plans[0].removals.first?.kept == ref("c.txt", 0))
        #expect(plans[1].removals.map(\.paragraph) == [0, 2])
        #expect(plans[1].removals.allSatisfy { $0.kept == ref("c.txt", 0) })
        #expect(plans[2].removals.map(\.paragraph) == [1, 3])
        #expect(!plans[2].removals.contains { $0.paragraph == 0 })
    }

    @Test func keepNoneRemovesEveryCopyButLeavesContainers() {
        let plans = batch(.none)
        let removed = plans.map { Set($0.removals.map(\.paragraph)) }
        // a#0 and a#2 go with their copies; the byline is under --min-chars and stays.
        #expect(removed[0] == [0, 2])
        #expect(removed[1] == [0, 2])
        #expect(removed[2] == [0, 1, 3])
        let first = plans[0].removals.first { $0.paragraph == 0 }
        #expect(first?.kept == ref("b.txt", 0))
        #expect(first?.reason == .near)
    }

    @Test func keepNoneLeavesAContainerWhoseOnlyMatchIsAFragment() {
        var configuration = DedupConfiguration.default
        configuration.near.keep = .none
        var analyzer = DocumentAnalyzer(configuration: configuration)
        let document = analyzer.analyze(
            UTF8InputDecoder().decode([Self.base, Self.fragment].joined(separator: "\n\n").bytes), id: DocumentID("d"))
        let plans = BatchDuplicatePlanner(configuration: configuration).plans(for: [DocumentFingerprints(document)])
        #expect(plans[0].removals.map(\.paragraph) == [1])
        #expect(plans[0].removals.first?.reason == .contained)
    }

    @Test func batchPlansAreIdenticalRunToRun() {
        for keep in KeepPolicy.allCases {
            #expect(batch(keep) == batch(keep))
        }
    }
}
