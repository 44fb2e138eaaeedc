import Testing
@testable import Dedup

@Suite struct MatchKeyBuilderTests {
    func key(_ text: String) -> (String, Int) {
        var builder = MatchKeyBuilder()
        let (bytes, significant) = builder.key(of: text.bytes)
        return (bytes.utf8String, significant)
    }

    @Test func dropsPunctuationAndSpacesAndFoldsCase() {
        #expect(key("Hello, World!").0 == "helloworld")
        #expect(key("科技“突围”工程,是").0 == "科技突围工程是")
    }

    @Test func fullWidthAndHalfWidthPunctuationGiveTheSameKey() {
        #expect(key("科技“突围”工程，是自治区（部署）；").0 == key("科技\"突围\"工程,是自治区(部署);").0)
    }

    @Test func fullWidthLettersAndDigitsFold() {
        #expect(key("ＡＢＣ１２３").0 == "abc123")
    }

    @Test func halfWidthKatakanaFoldsToFullWidth() {
        #expect(key("ｶﾀｶﾅ").0 == "カタカナ")
    }

    @Test func invisibleCharactersAreIgnored() {
        #expect(key("科\u{200B}技\u{00AD}\u{FEFF}").0 == "科技")
    }

    @Test func countsLettersDigitsAndIdeographs() {
        #expect(key("本报记者 张鑫").1 == 6)
        #expect(key("（完）").1 == 1)
        #expect(key("2024年, +20%").1 == 7)
    }

    @Test func symbolsStayInTheKey() {
        #expect(key("30℃").0 == "30°c")
        #expect(key("a+b").0 != key("a=b").0)
    }

    @Test func longParagraphOutgrowsScratchBuffer() {
        let long = String(repeating: "ﬀ科技", count: 5000)  // ﬀ expands to "ff" under NFKC
        let (text, significant) = key(long)
        #expect(text == String(repeating: "ff科技", count: 5000))
        #expect(significant == 20000)
    }
}
