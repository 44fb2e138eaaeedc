import Testing
@testable import Dedup

@Suite struct ParagraphNormalizerTests {
    func normalize(_ text: String, _ change: (inout NormalizationOptions) -> Void = { _ in }) -> String {
        var options = DedupConfiguration.default.normalization
        change(&options)
        var normalizer = ParagraphNormalizer(options: options)
        return normalizer.normalize(text.bytes).text.utf8String
    }

    func counts(_ text: String) -> NormalizationCounts {
        var normalizer = ParagraphNormalizer(options: DedupConfiguration.default.normalization)
        return normalizer.normalize(text.bytes).counts
    }

    @Test func punctuationInChineseContextBecomesFullWidth() {
        #expect(normalize("科技“突围”工程,是自治区部署的;对吗?对!时间:明天") == "科技“突围”工程，是自治区部署的；对吗？对！时间：明天")
        #expect(normalize("增长20%,全力保障") == "增长20%，全力保障")
        #expect(normalize("(本版图片除署名外,均来自《内蒙古日报》)") == "（本版图片除署名外，均来自《内蒙古日报》）")
        #expect(normalize("使用Python,然后") == "使用Python，然后")
    }

    @Test func punctuationInLatinOrNumericContextStaysASCII() {
        for text in [
            "1,000", "3.5%", "12:30", "U.S.", "e.g.", #"He said, "hi"."#, "f(x) = 1", "Hello, 世界",
            "比分3:2", "共1,234人",
        ] {
            #expect(normalize(text) == text, "\(text)")
        }
    }

    @Test func urlsAndEmailsAreLeftAlone() {
        #expect(normalize("访问https://a.cn/x?a=1,b=2了解") == "访问https://a.cn/x?a=1,b=2了解")
        #expect(normalize("网址:www.a.org/x,请看") == "网址：www.a.org/x，请看")
        #expect(normalize("邮件:a.b@c.com,谢谢") == "邮件：a.b@c.com，谢谢")
    }

    @Test func straightQuotesInChineseContextBecomeCurlyPairs() {
        #expect(normalize(#"他说"你好"。"#) == "他说“你好”。")
        #expect(normalize(#"他说:"好"和"行"。"#) == "他说：“好”和“行”。")
        #expect(normalize(#"He said "hi" twice."#) == #"He said "hi" twice."#)
        #expect(normalize(#"他说"好"#, { $0.quotes = false }) == #"他说"好"#)
    }

    /// A changed paragraph is encoded back to UTF-8 from its scalars, ASCII eight at a time:
    /// runs of every length around the block size, between 2-, 3- and 4-byte characters, come
    /// back byte for byte (the full-width Ａ in front makes the paragraph a changed one).
    @Test func changedParagraphsEncodeEveryRunOfASCII() {
        var random = SplitMix64(seed: 11)
        let others = ["é", "中", "文", "😀", "ß"]
        for _ in 0..<300 {
            var text = ""
            for _ in 0..<(1 + Int(random.next() % 6)) {
                let run = Int(random.next() % 20)
                for _ in 0..<run { text.unicodeScalars.append(UnicodeScalar(UInt8(97 + random.next() % 26))) }
                text += others[Int(random.next() % UInt64(others.count))]
            }
            #expect(normalize("Ａ" + text) == "A" + text, "\(text)")
        }
    }

    @Test func widthFoldingTouchesOnlyLettersDigitsAndHalfWidthKatakana() {
        #expect(normalize("ＡＢＣ１２３") == "ABC123")
        #expect(normalize("ｶﾞｲﾄﾞ") == "ガイド")
        #expect(normalize("，。“”－") == "，。“”－")
        #expect(normalize("ＡＢＣ", { $0.width = false }) == "ＡＢＣ")
    }

    @Test func invisibleCharactersAreRemovedWhereNoScriptNeedsThem() {
        #expect(normalize("零宽\u{200B}空格\u{00AD}软\u{FEFF}连\u{2060}字") == "零宽空格软连字")
        #expect(normalize("👨\u{200D}👩") == "👨\u{200D}👩")
        #expect(normalize("می\u{200C}خواهم") == "می\u{200C}خواهم")
        #expect(normalize("a\u{200D}b") == "ab")
        #expect(counts("a\u{200B}b\u{00AD}c").invisibleRemoved == 2)
    }

    @Test func spacesAreNormalizedCollapsedAndTrimmed() {
        #expect(normalize("\u{3000}\u{3000}缩进的段落。") == "缩进的段落。")
        #expect(normalize("不间断\u{00A0}空格  两个\t制表  ") == "不间断 空格 两个 制表")
        #expect(normalize("产业园 张家辉 摄") == "产业园 张家辉 摄")
        #expect(normalize("  a  b  ", { $0.whitespace = false }) == "  a  b  ")
    }

    @Test func hardWrappedLinesAreJoined() {
        #expect(normalize("这是被硬换行\n的中文。") == "这是被硬换行的中文。")
        #expect(normalize("an exam-\nple of text\nwrapped") == "an example of text wrapped")
        #expect(normalize("well-\nKnown") == "well-Known")
        #expect(normalize("COVID-\n19") == "COVID-19")
        #expect(normalize("a  \n  b") == "a b")
        #expect(normalize("a\nb", { $0.lineJoin = false }) == "a\nb")
        let joined = counts("exam-\nple\nnext")
        #expect(joined.linesJoined == 2 && joined.hyphensRejoined == 1)
    }

    @Test func traditionalToSimplifiedIsOptional() {
        #expect(normalize("這是一個測試") == "這是一個測試")
        #expect(normalize("這是一個測試", { $0.toSimplified = true }) == "这是一个测试")
    }

    @Test func countsEachKindOfChange() {
        let c = counts("ＡＢ科技,工程\u{200B}\u{3000}x \"引用\"")
        #expect(c.width == 2)
        #expect(c.punctuation == 1)
        #expect(c.invisibleRemoved == 1)
        #expect(c.spaces >= 1)
        #expect(c.straightQuotes == 2)
    }

    @Test func emptyAndIdentityOptions() {
        #expect(normalize("") == "")
        var normalizer = ParagraphNormalizer(options: .none)
        #expect(normalizer.isIdentity)
        #expect(normalizer.normalize("a,  科技".bytes).text == "a,  科技".bytes)
    }

    @Test func longParagraphsGrowTheBuffers() {
        let text = String(repeating: "科技,工程;", count: 20_000)
        let out = normalize(text)
        #expect(out == String(repeating: "科技，工程；", count: 20_000))
    }
}
