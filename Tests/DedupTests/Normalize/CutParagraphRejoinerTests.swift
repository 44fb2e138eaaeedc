import Testing
@testable import Dedup

/// The rejoin decision on pairs of paragraphs, in particular the fit of the two sides of a cut
/// (`CutParagraphRejoiner.fits`): the false joins an audit of the zh corpus found, and true cuts.
@Suite struct CutParagraphRejoinerTests {
    let rejoiner = CutParagraphRejoiner(minimumCharacters: 40)
    /// Long enough, with a pause mark in its last sentence: only the fit decides.
    let lead = "科技成果只有同国家需要、人民要求、市场需求相结合，完成从科学研究、实验开发、推广应用三级跳，才能真正实现创新价值。包括"

    func joins(_ first: String, _ second: String) -> Bool {
        let a = first.bytes, b = second.bytes
        return rejoiner.joins(
            lastIndex: 0, ParagraphShape(of: a), a, nextIndex: 1, ParagraphShape(of: b), b)
    }

    @Test func theTailPauseTestAgreesWithTheMeasuredShape() {
        // `hasTailPause` (read from the end) is the `tailPauses > 0` of the forward measure.
        let texts = [
            "", "包括", "他说，", "他说，好。", "好。他说，然后", "Hello, world", "Hello, world. Then",
            "第一、第二", "问？答：是", "“引语，”然后", lead, "a; b! c", "……", "1.5 亿，约 20%",
        ]
        for text in texts {
            let bytes = text.bytes
            let fromEnd = bytes.withUnsafeBufferPointer { rejoiner.hasTailPause($0) }
            #expect(fromEnd == (ParagraphShape(of: bytes).tailPauses > 0), "\(text)")
        }
    }

    @Test func aCJKCutJoinsWhenAWordReadsAcrossIt() {
        // ICU reads 中小企业 as one word; 育|种 and 新|区 as single letters on both sides.
        #expect(joins(lead + "鼓励创新，培育壮大科技型中小", "企业、高新技术企业和科技领军企业。"))
        #expect(joins(lead + "新型储能、氢能、卫星通信导航、生物育", "种等八大方向。"))
        #expect(joins(lead + "总经理张文彦介绍，落户和林格尔新", "区以来，公司取得重大创新成果。"))
    }

    @Test func aCJKParagraphBreakBetweenWordsIsNotACut() {
        // A definition list item and a clause that ends without a mark, each followed by a new sentence.
        #expect(!joins(lead + "装置是类似打印机、字符或图形终端等的硬件接口，或者是软件接口", "后处理器是将 troff 输出转化为一种格式的程序。"))
        #expect(!joins(lead + "具体取决于远端服务器如何实现命令，直到传送完成，才再显示出提示符", "如果所有的本地操作已经完成，不会对中断键做出响应。"))
    }

    @Test func anAttributionIsNotTheFirstPartOfACut() {
        let quote = "子曰：“七十而从心所欲，不逾矩。十有五而志于学，三十而立，四十而不惑，五十而知天命，六十而耳顺。” -- 论语，为政篇"
        #expect(!rejoiner.isCut(ParagraphShape(of: quote.bytes)))
        #expect(!joins(quote, "孟懿子问孝，子曰：“无违。”"))
    }

    @Test func bothPartsMustBeOfTheSameMainScript() {
        // A CJK paragraph ending in a Latin token does not continue with a Latin token.
        #expect(!joins(lead + "被用来做为缓存的内存数，单位：KB", "si: 从磁盘交换到内存的交换页数量，单位：KB/秒。"))
        #expect(!joins(lead + "在MSDOS下： set GZIP=-8v --name", "在Vax/VMS系统中，该环境变量名为GZIP_OPT。"))
        // Latin text does not continue with a CJK paragraph.
        let english = "Permission is granted to anyone to use this software for any purpose, including the original"
        #expect(!joins(english, "软件包。如果你在产品中使用了这个软件，请在文档中致谢。"))
    }

    @Test func aLatinContinuationDoesNotStartWithACapital() {
        let record = "Files: third_party/x11proto/* Copyright: x11proto developers, and others License: MIT"
        #expect(!joins(record, "Files: gfx/blit.cc gfx/blit.h Copyright: 2004, Nokia Corporation."))
        let english = "Permission is granted to anyone to use this software for any purpose, including the original"
        #expect(joins(english, "software. If you use it, an acknowledgment would be appreciated."))
    }

    @Test func aDigitFitsEitherScript() {
        #expect(joins(lead + "全区科技型中小企业数量，预计到", "2025年翻一番。"))
        #expect(joins(lead + "全区科技型中小企业数量，截至2024", "年底翻了一番。"))
    }

    @Test func aNumberEndingALatinTokenInCJKTextIsNotACut() {
        #expect(!joins(lead + "不同的语言可以使用相同的编码，推荐使用utf8", "模块化的设计思想，界面无关，设备无关。"))
        #expect(!joins(lead + "你可以从全局名字空间调用它的过程： Foo::Counter::bump 3", "你还可以在建立命令的时候使用限定的名字。"))
    }
}
