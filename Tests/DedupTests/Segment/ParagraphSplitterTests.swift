import Testing
@testable import Dedup

@Suite struct ParagraphSplitterTests {
    let splitter = ParagraphSplitter()

    func paragraphs(_ text: String) -> [String] {
        let bytes = text.bytes
        return splitter.split(bytes).map { Array(bytes[$0.range]).utf8String }
    }

    @Test func splitsOnBlankLines() {
        #expect(paragraphs("one\n\ntwo\nstill two\n\n\n\nthree") == ["one", "two\nstill two", "three"])
    }

    @Test func whitespaceOnlyLinesAreBlank() {
        let text = "a\n \t \nb\n\u{3000}\u{3000}\nc\n\u{00A0}\nd\n\u{200B}\ne"
        #expect(paragraphs(text) == ["a", "b", "c", "d", "e"])
    }

    @Test func leadingAndTrailingBlankLinesYieldNothing() {
        #expect(paragraphs("\n\n\n  \n") == [])
        #expect(paragraphs("") == [])
        #expect(paragraphs("\n\nonly\n\n") == ["only"])
    }

    @Test func indentedLineIsNotBlank() {
        #expect(paragraphs("\u{3000}\u{3000}正文\n\n下一段") == ["\u{3000}\u{3000}正文", "下一段"])
    }

    @Test func spansAreByteOffsetsIntoTheText() {
        let bytes = "甲\n\n乙丙\n".bytes
        let spans = splitter.split(bytes)
        #expect(spans == [UTF8ByteRange(0, 3), UTF8ByteRange(5, 11)])
    }

    @Test func seedHasThirtySixParagraphs() throws {
        let decoded = UTF8InputDecoder().decode(try Fixtures.seedBytes())
        let spans = splitter.split(decoded.bytes)
        #expect(spans.count == 36)
        #expect(Array(decoded.bytes[spans[12].range]).utf8String == "本报记者 张鑫")
    }
}
