import Testing
@testable import Dedup

/// Near duplicates and fragments through `DocumentAnalyzer` + `DuplicateDetector`, as the pipeline
/// runs them.
@Suite struct NearDuplicateDetectionTests {
    static let chinese = "内蒙古自治区围绕科技突围工程，正在开辟新赛道、培育新动能，推动创新链产业链资金链人才链深度融合，为高质量发展注入强劲动力。"
    static let chineseEdited = "内蒙古自治区围绕科技突围工程，正在开辟新赛道、培育新动力，推动创新链产业链资金链人才链深度融合，为高质量发展注入强劲动力。"
    /// 60 characters; one letter changed in the middle.
    static let latin = "Wind farms on the grassland now supply power to eleven towns."
    static let latinEdited = "Wind farms on the grassland now supply power to eleven tawns."

    func analyze(_ paragraphs: [String], id: String = "d", configuration: DedupConfiguration = .default) -> AnalyzedDocument {
        var analyzer = DocumentAnalyzer(configuration: configuration)
        return analyzer.analyze(UTF8InputDecoder().decode(paragraphs.joined(separator: "\n\n").bytes), id: DocumentID(id))
    }

    func plan(_ paragraphs: [String], configuration: DedupConfiguration = .default) -> RemovalPlan {
        var detector = DuplicateDetector(configuration: configuration)
        return detector.plan(for: analyze(paragraphs, configuration: configuration))
    }

    @Test func latinParagraphWithOneEditIsANearDuplicate() {
        #expect(Self.latin.count == 61)
        let removals = plan([Self.latin, "Something else entirely, about the weather.", Self.latinEdited]).removals
        #expect(removals.count == 1)
        #expect(removals.first?.paragraph == 2)
        #expect(removals.first?.reason == .near)
        #expect(removals.first?.kept.paragraph == 0)
        let similarity = removals.first?.similarity ?? 0
        #expect(similarity >= 0.8 && similarity < 1)
    }

    @Test func chineseParagraphWithOneEditIsANearDuplicate() {
        let removals = plan([Self.chinese, Self.chineseEdited]).removals
        #expect(removals.map(\.paragraph) == [1])
        #expect(removals.first?.reason == .near)
    }

    @Test func mixedScriptParagraphWithOneEditIsANearDuplicate() {
        let mixed = "2023年Debian 12发布，代号Bookworm，默认内核为Linux 6.1 LTS，支持amd64与arm64架构。"
        let edited = "2023年Debian 12发布，代号Bookworm，默认内核为Linux 6.1 LTS，支持amd64和arm64架构。"
        let removals = plan([mixed, edited]).removals
        #expect(removals.map(\.paragraph) == [1])
        #expect(removals.first?.reason == .near)
    }

    @Test func aNearCopyIsFoundAmongMoreCandidatesThanAreVerified() {
        // 600 kept notices differing only in an 8-letter code (Jaccard ≈ 0.65 with each other,
        // under the threshold, so all stay) share LSH bands with each other: a copy of an early
        // one has hundreds of candidates, more than `maximumNearCandidates`. Newest-first
        // truncation would drop its original; the cap keeps the candidates sharing the most bands.
        var configuration = DedupConfiguration.default
        configuration.near.containment = nil
        var generator = SplitMix64(seed: 17)
        let letters = Array("abcdefghijklmnop")
        let notices = (0..<600).map { _ in
            let code = String((0..<8).map { _ in letters[Int(generator.next() % 16)] })
            return "第\(code)号公告：内蒙古自治区围绕科技突围工程正在开辟新赛道培育新动能推动创新链产业链深度融合"
        }
        let originals = [3, 100, 301, 598]
        let plan = plan(notices + originals.map { notices[$0] + "等" }, configuration: configuration)
        // (A few random codes come close enough to an earlier one to be near copies themselves.)
        #expect(plan.removals.count < 10)
        let copies = plan.removals.filter { $0.paragraph >= 600 }
        #expect(copies.map(\.paragraph) == [600, 601, 602, 603])
        #expect(copies.map(\.kept.paragraph) == originals)
        #expect(copies.allSatisfy { $0.reason == .near })
    }

    @Test func differentParagraphsOnTheSameTopicStay() {
        let other = "内蒙古自治区围绕乡村振兴工程，正在建设新农村、发展新产业，推动农牧业现代化与生态保护协调发展，为群众增收注入持久动力。"
        #expect(plan([Self.chinese, other]).removals.isEmpty)
    }

    @Test func aFragmentOfAKeptParagraphIsRemovedAsContainedAndTheContainerStays() {
        let fragment = "推动创新链产业链资金链人才链深度融合，为高质量发展注入强劲动力。"
        let removals = plan([Self.chinese, "另一段完全不同的文字，讲述草原上的风力发电。", fragment]).removals
        #expect(removals.count == 1)
        #expect(removals.first?.paragraph == 2)
        #expect(removals.first?.reason == .contained)
        #expect(removals.first?.kept.paragraph == 0)
        #expect(removals.first?.similarity == 1.0)
    }

    /// A long fragment (hundreds of anchors, so its chains are taken from a heap, not sorted)
    /// of the middle kept paragraph of three goes as contained in it; the others stay.
    @Test func aLongFragmentIsRemovedAsContainedInItsContainer() {
        var rng = SplitMix64(seed: 12)
        let alphabet = Array("内蒙古围绕科技突围工程正在开辟新赛道培育新动能和林格尔新区智能制造产业园建设投产首批入驻企业签约风力发电草原")
        func text(_ count: Int) -> String { String((0..<count).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }) }
        let containers = [text(3_000), text(3_000), text(3_000)]
        let middle = Array(containers[1])
        let fragment = String(middle[900..<2_100]) + "。"
        let removals = plan(containers + [fragment]).removals
        #expect(removals.map(\.paragraph) == [3])
        #expect(removals.first?.reason == .contained)
        #expect(removals.first?.kept.paragraph == 1)
    }

    @Test func theLargerParagraphIsNeverRemovedForContainingASmallerOne() {
        let fragment = "推动创新链产业链资金链人才链深度融合，为高质量发展注入强劲动力。"
        #expect(plan([fragment, Self.chinese]).removals.isEmpty)
        var longest = DedupConfiguration.default
        longest.near.keep = .longest
        let planner = BatchDuplicatePlanner(configuration: longest)
        let plans = planner.plans(for: [DocumentFingerprints(analyze([fragment, Self.chinese], configuration: longest))])
        #expect(plans[0].removals.map(\.paragraph) == [0])
        #expect(plans[0].removals.first?.reason == .contained)
    }

    @Test func containmentCanBeTurnedOff() {
        var configuration = DedupConfiguration.default
        configuration.near.containment = nil
        let fragment = "推动创新链产业链资金链人才链深度融合，为高质量发展注入强劲动力。"
        #expect(plan([Self.chinese, fragment], configuration: configuration).removals.isEmpty)
    }

    @Test func shortParagraphsNeverCollapseIntoOneSignature() {
        var configuration = DedupConfiguration.default
        configuration.minSignificantCharacters = 0
        let short = ["本报记者", "本报记者张", "（完）", "张鑫", "图", "摄"]
        #expect(plan(short, configuration: configuration).removals.isEmpty)
        let sketches = analyze(short, configuration: configuration).paragraphs.compactMap(\.fingerprint.sketch)
        #expect(sketches.count == short.count)
        #expect(sketches.allSatisfy { $0.shingles.count == 1 })
        #expect(Set(sketches.map(\.bandKeys)).count == short.count)
    }

    @Test func shortParagraphsBelowTheMinimumAreNeverRemovedAsNearOrContained() {
        // 8 significant characters: below the default minimum of 10, though inside paragraph 0.
        #expect(plan([Self.chinese, "资金链人才链深度"]).removals.isEmpty)
    }

    @Test func thresholdDecidesNearRemovals() {
        var strict = DedupConfiguration.default
        strict.near.threshold = 0.95
        strict.near.containment = nil
        #expect(plan([Self.latin, Self.latinEdited], configuration: strict).removals.isEmpty)
        // Containment is the share of the smaller paragraph's shingles: an edited copy no larger
        // than the kept one has a higher containment than Jaccard, so it still goes as contained.
        strict.near.containment = 0.8
        #expect(plan([Self.latin, Self.latinEdited], configuration: strict).removals.map(\.reason) == [.contained])
    }

    @Test func plansAreIdenticalRunToRun() {
        let paragraphs = [Self.chinese, Self.latin, Self.chineseEdited, Self.latinEdited, Self.chinese,
                          "推动创新链产业链资金链人才链深度融合，为高质量发展注入强劲动力。"]
        let first = plan(paragraphs)
        #expect(first.removals.map(\.paragraph) == [2, 3, 4, 5])
        for _ in 0..<3 { #expect(plan(paragraphs) == first) }
    }
}
