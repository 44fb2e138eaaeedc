import Testing
@testable import Dedup

@Suite struct ParagraphFinisherTests {
    let body = "科技成果只有同国家需要、人民要求、市场需求相结合，完成从科学研究、实验开发、推广应用三级跳，才能真正实现创新价值。包括新型储能、氢能、生物育"
    let finisher = ParagraphFinisher(options: DedupConfiguration.default.normalization)

    func finish(_ paragraphs: [(Int, String)]) -> ParagraphFinisher.Result {
        finisher.finish(paragraphs.map { ParagraphFinisher.Input(index: $0.0, text: $0.1.bytes) })
    }

    @Test func aCutParagraphIsRejoinedWithItsAdjacentContinuation() {
        let result = finish([(0, body), (1, "种等八大方向。"), (2, "短评")])
        #expect(result.paragraphs.map(\.text.utf8String) == [body + "种等八大方向。", "短评"])
        #expect(result.paragraphs[0].segments.map(\.paragraph) == [0, 1])
        #expect(result.counts.paragraphsRejoined == 1)
    }

    @Test func paragraphsNotAdjacentInTheInputAreNotJoined() {
        // Paragraph 1 (the continuation) was removed as a repeat: 0 stays cut, 2 stays apart.
        let result = finish([(0, body), (2, "种等八大方向。")])
        #expect(result.paragraphs.count == 2)
        #expect(result.counts.paragraphsRejoined == 0)
    }

    @Test func headingsCaptionsAndBylinesAreNotMerged() {
        let result = finish([
            (0, "直言"), (1, body + "。"), (2, "和林格尔新区智能制造产业园 张家辉 摄"), (3, "本报记者 张鑫"),
            (4, "提升新质生产力 科技“突围”角逐新产业新赛道"), (5, "新质生产力已成为今年以来的一个热词。"),
        ])
        #expect(result.paragraphs.count == 6)
    }

    @Test func aNumberedItemIsNotAContinuation() {
        #expect(finish([(0, body), (1, "11.5. 用于提取纯文本数据的工具列表。")]).paragraphs.count == 2)
        #expect(finish([(0, body), (1, "3、种等八大方向。")]).paragraphs.count == 2)
        #expect(finish([(0, body), (1, "2025年全区科技型中小企业数量翻一倍。")]).paragraphs.count == 1)
    }

    @Test func aShortContinuationWithoutSentenceEndIsNotJoined() {
        #expect(finish([(0, body), (1, "图片说明")]).paragraphs.count == 2)
    }

    @Test func chainsAreJoinedInTurn() {
        let middle = "种等八大方向，以及新型储能、氢能、高性能复合材料、卫星通信导航、生物医药等领域的研究与开发和推广应用工"
        let result = finish([(0, body), (1, middle), (2, "作。")])
        #expect(result.paragraphs.map(\.text.utf8String) == [body + middle + "作。"])
        #expect(result.counts.paragraphsRejoined == 2)
    }

    @Test func latinPartsAreJoinedWithASpaceOrAcrossAHyphen() {
        let english = "This paragraph is long enough to count as body text, and it was cut by a page"
        #expect(finish([(0, english), (1, "break in the middle.")]).paragraphs.first?.text.utf8String
            == english + " break in the middle.")
        #expect(finish([(0, english + " exam-"), (1, "ple of it.")]).paragraphs.first?.text.utf8String
            == english + " example of it.")
    }

    @Test func quotesAreBalancedOnlyAfterRejoining() {
        let first = "围绕建设向北开放重要桥头堡，组织参与推进科技部批复的“一带一路”联合实验室建设，牵头在乌兰察布建设“智"
        let result = finish([(24, first), (25, "慧物流技术与高端智能装备院士专家工作站”，助力乌兰察布积极融入国家重要战略引擎。")])
        #expect(result.paragraphs.count == 1)
        #expect(result.repairs.isEmpty)
        #expect(result.paragraphs[0].text.utf8String.contains("“智慧物流技术与高端智能装备院士专家工作站”"))
    }

    @Test func repairsNameTheInputParagraphAndCharacter() {
        let result = finish([(7, body), (8, "种等”八大方向。")])
        #expect(result.repairs.count == 1)
        let repair = result.repairs[0]
        #expect(repair.paragraph == 8)
        #expect(repair.character == 2)
        #expect(repair.change == "removed stray ” at char 2")
    }

    @Test func rejoiningAndQuotesCanBeSwitchedOff() {
        var options = DedupConfiguration.default.normalization
        options.rejoin = false
        options.quotes = false
        let off = ParagraphFinisher(options: options)
        let result = off.finish([.init(index: 0, text: body.bytes), .init(index: 1, text: "种等”八大方向。".bytes)])
        #expect(result.paragraphs.count == 2)
        #expect(result.repairs.isEmpty)
    }

    @Test func aRepeatedFragmentIsRemovedBeforeRejoining() {
        // Paragraph 3 repeats the fragment 1 (like the seed's 28 repeating 25): detection sees the
        // fragments, so 2 and 3 go and 0 + 1 are then rejoined.
        let continuation = "种等八大方向。除此之外，包括一些具体措施。"
        let text = (body + "\n\n" + continuation + "\n\n" + body + "\n\n" + continuation + "\n").bytes
        var pipeline = CleaningPipeline(configuration: .default)
        let cleaned = pipeline.clean(text, id: DocumentID("t"))
        #expect(cleaned.plan.removals.map(\.paragraph) == [2, 3])
        #expect(cleaned.output.utf8String == body + continuation + "\n")
    }

    @Test func aParagraphWhoseContinuationWasRemovedStaysAsItIs() {
        // Paragraph 2 continues 1 but repeats 0 and is removed: 1 is not joined with 3.
        let continuation = "种等八大方向。除此之外，包括一些具体措施。"
        let text = (continuation + "\n\n" + body + "\n\n" + continuation + "\n\n短评。\n").bytes
        var pipeline = CleaningPipeline(configuration: .default)
        let cleaned = pipeline.clean(text, id: DocumentID("t"))
        #expect(cleaned.plan.removals.map(\.paragraph) == [2])
        #expect(cleaned.output.utf8String == continuation + "\n\n" + body + "\n\n短评。\n")
        #expect(cleaned.normalization.paragraphsRejoined == 0)
    }
}
