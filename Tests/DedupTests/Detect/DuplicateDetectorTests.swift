import Testing
@testable import Dedup

@Suite struct DuplicateDetectorTests {
    let long = "内蒙古围绕科技突围工程正在开辟新赛道培育新动能"

    func analyze(_ text: String, id: String = "d", configuration: DedupConfiguration = .default) -> AnalyzedDocument {
        var analyzer = DocumentAnalyzer(configuration: configuration)
        return analyzer.analyze(UTF8InputDecoder().decode(text.bytes), id: DocumentID(id))
    }

    @Test func laterCopiesAreRemovedAndPointAtTheFirst() {
        var detector = DuplicateDetector(configuration: .default)
        let plan = detector.plan(for: analyze("\(long)\n\nother paragraph text here\n\n\(long)。\n\n\(long)"))
        #expect(plan.removals.map(\.paragraph) == [2, 3])
        #expect(plan.removals.allSatisfy { $0.kept == ParagraphRef(document: DocumentID("d"), paragraph: 0) })
        #expect(plan.removals.allSatisfy { $0.reason == .exact && $0.similarity == 1.0 })
    }

    @Test func shortParagraphsAreNeverRemovedByDefault() {
        var detector = DuplicateDetector(configuration: .default)
        let plan = detector.plan(for: analyze("本报记者 张鑫\n\n（完）\n\n本报记者 张鑫\n\n（完）"))
        #expect(plan.removals.isEmpty)
    }

    @Test func minimumCharactersIsConfigurable() {
        var configuration = DedupConfiguration.default
        configuration.minSignificantCharacters = 0
        var detector = DuplicateDetector(configuration: configuration)
        let plan = detector.plan(for: analyze("本报记者 张鑫\n\n本报记者张鑫", configuration: configuration))
        #expect(plan.removals.map(\.paragraph) == [1])
    }

    @Test func repeatsAcrossDocumentsAreRemoved() {
        var detector = DuplicateDetector(configuration: .default)
        _ = detector.plan(for: analyze(long, id: "a.txt"))
        let second = detector.plan(for: analyze("new text\n\n\(long)", id: "b.txt"))
        #expect(second.removals == [
            Removal(paragraph: 1, reason: .exact, kept: ParagraphRef(document: DocumentID("a.txt"), paragraph: 0), similarity: 1)
        ])
    }
}
