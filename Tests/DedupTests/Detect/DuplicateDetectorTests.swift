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

    /// How far through its input a run is only sizes the index's tables: told (even wrongly,
    /// as here, where the documents are said to be a fifth of the input), the detector makes the
    /// plans it makes untold, and its tables end larger than by doubling.
    @Test func expectedInputChangesNoPlanOnlyTheTableSizes() {
        var rng = SplitMix64(seed: 3)
        let words = Array("内蒙古围绕科技突围工程正在开辟新赛道培育新动能和林格尔新区智能制造产业园建设投产首批入驻企业签约")
        func paragraph() -> String { String((0..<30).map { _ in words[Int(rng.next() % UInt64(words.count))] }) }
        var pool: [String] = []
        var documents: [AnalyzedDocument] = []
        for d in 0..<120 {
            var paragraphs: [String] = []
            for _ in 0..<12 {
                switch rng.next() % 4 {
                case 0 where !pool.isEmpty: paragraphs.append(pool[Int(rng.next() % UInt64(pool.count))])  // exact
                case 1 where !pool.isEmpty:  // near: one character changed
                    var chars = Array(pool[Int(rng.next() % UInt64(pool.count))])
                    chars[Int(rng.next() % UInt64(chars.count))] = "变"
                    paragraphs.append(String(chars))
                case 2 where !pool.isEmpty: paragraphs.append(String(pool[Int(rng.next() % UInt64(pool.count))].prefix(20)))  // fragment
                default:
                    let fresh = paragraph()
                    pool.append(fresh)
                    paragraphs.append(fresh)
                }
            }
            documents.append(analyze(paragraphs.joined(separator: "\n\n"), id: "doc\(d)"))
        }
        var untold = DuplicateDetector(configuration: .default)
        var told = DuplicateDetector(configuration: .default)
        var reasons: Set<RemovalReason> = []
        for (d, document) in documents.enumerated() {
            told.expectInput(planned: d, of: 5 * documents.count)
            let plan = untold.plan(for: document)
            #expect(told.plan(for: document) == plan, "document \(d)")
            reasons.formUnion(plan.removals.map(\.reason))
        }
        #expect(reasons == [.exact, .near, .contained])
        #expect(told.indexFootprint.keptParagraphs == untold.indexFootprint.keptParagraphs)
        #expect(told.indexFootprint.bytes > untold.indexFootprint.bytes)
    }

    /// One long document (a large file read as one part) is sized from inside: told only at its
    /// start that it is a fifth of the input, the detector still projects its growth at the
    /// tenths it crosses, so its tables end larger than untold, with the same plan.
    @Test func aLongDocumentProjectsGrowthFromItsParagraphs() {
        var rng = SplitMix64(seed: 5)
        let words = Array("内蒙古围绕科技突围工程正在开辟新赛道培育新动能和林格尔新区智能制造产业园建设投产首批入驻企业签约")
        let paragraphs = (0..<1_500).map { _ in String((0..<30).map { _ in words[Int(rng.next() % UInt64(words.count))] }) }
        let document = analyze(paragraphs.joined(separator: "\n\n"), id: "big")
        var untold = DuplicateDetector(configuration: .default)
        var told = DuplicateDetector(configuration: .default)
        told.expectInput(planned: 0, of: 5 * document.decoded.bytes.count)
        #expect(told.plan(for: document) == untold.plan(for: document))
        #expect(told.indexFootprint.keptParagraphs == untold.indexFootprint.keptParagraphs)
        #expect(told.indexFootprint.bytes > untold.indexFootprint.bytes)
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

    /// A deferred paragraph needs no sketch when its exact key is in the index — as a kept
    /// paragraph's or, here for the fragment and the near repeat, as a removed one's — and the
    /// plans equal those made from full fingerprints.
    @Test func deferredSketchesArePlannedLikeFullOnes() {
        let container = "和林格尔新区智能制造产业园正在建设之中，预计明年投产，首批入驻企业已经签约，涉及新能源装备和生物育种等八大方向。"
        let fragment = "和林格尔新区智能制造产业园正在建设之中，预计明年投产，首批入驻企业已经签约。"
        let latin = "The regional government approved a new budget for public transport on Monday, after a long debate in the assembly."
        let near = "The regional government approved a new budget for public transport on Tuesday, after a long debate in the assembly."
        let documents = [[container, latin], [fragment, near, "其他内容不相关的一段文字，用来占位置。"], [near, fragment], [fragment, latin]]
        func plans(deferring: Bool) -> [RemovalPlan] {
            var analyzer = DocumentAnalyzer(configuration: .default)
            analyzer.defersRepeatedSketches = deferring
            var detector = DuplicateDetector(configuration: .default)
            return documents.enumerated().map { n, paragraphs in
                let text = paragraphs.joined(separator: "\n\n") + "\n"
                let document = analyzer.analyze(UTF8InputDecoder().decode(text.bytes), id: DocumentID("d\(n)"))
                if deferring && n == 2 { #expect(document.paragraphs.allSatisfy { $0.fingerprint.sketch == nil }) }
                return detector.plan(for: document)
            }
        }
        let full = plans(deferring: false)
        #expect(plans(deferring: true) == full)
        #expect(full[1].removals.map(\.reason) == [.contained, .near])
        #expect(full[2].removals.map(\.reason) == [.near, .contained])
        #expect(full[3].removals.map(\.reason) == [.contained, .exact])
    }

    /// A paragraph identical to one removed earlier is removed with that one's match, even
    /// though a newer kept paragraph contains it too and would come first in a fresh query
    /// (newest holder first): every copy of a fragment names the same container.
    @Test func aRepeatOfARemovedParagraphTakesItsMatch() {
        let fragment = "和林格尔新区智能制造产业园正在建设之中，预计明年投产，首批入驻企业已经签约。"
        let first = fragment + "涉及新能源装备和生物育种等八大方向。"
        let second = fragment + "记者从自治区科技厅获悉，今年以来全区科技投入持续增长，多个重大项目相继落地。"
        var detector = DuplicateDetector(configuration: .default)
        let plans = [[first], [fragment], [second], [fragment, fragment + "\u{3000}"]].enumerated().map { n, paragraphs in
            detector.plan(for: analyze(paragraphs.joined(separator: "\n\n"), id: "d\(n)"))
        }
        let firstContainer = ParagraphRef(document: DocumentID("d0"), paragraph: 0)
        #expect(plans[1].removals.map(\.reason) == [.contained])
        #expect(plans[1].removals.first?.kept == firstContainer)
        #expect(plans[2].removals.isEmpty)  // the second container is kept: it holds the fragment too
        #expect(plans[3].removals.map(\.kept) == [firstContainer, firstContainer])
        #expect(plans[3].removals.map(\.similarity) == plans[1].removals.map(\.similarity) + plans[1].removals.map(\.similarity))
        #expect(plans[3].removals.allSatisfy { $0.reason == .contained })
    }
}
