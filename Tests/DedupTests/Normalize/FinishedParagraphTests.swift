import Testing
@testable import Dedup

@Suite struct FinishedParagraphTests {
    /// Three input paragraphs joined into one output paragraph: "中文a" (bytes 0..<7),
    /// "“好”b" (7..<17) and "ccc中" (17..<23).
    let paragraph = FinishedParagraph(
        text: "中文a“好”bccc中".bytes,
        segments: [
            .init(paragraph: 4, byteOffset: 0), .init(paragraph: 5, byteOffset: 7), .init(paragraph: 6, byteOffset: 17),
        ])

    @Test func locationNamesTheInputParagraphAndTheCharacterInIt() {
        #expect(paragraph.location(ofByte: 0) == (4, 0))
        #expect(paragraph.location(ofByte: 6) == (4, 2))
        #expect(paragraph.location(ofByte: 7) == (5, 0))
        #expect(paragraph.location(ofByte: 10) == (5, 1))
        #expect(paragraph.location(ofByte: 23) == (6, 4))
        #expect(paragraph.location(ofByte: 99) == (6, 4))
    }

    @Test func locationsOfManyOffsetsAgreeWithOneAtATimeInAnyOrder() {
        var generator = SplitMix64(seed: 5)
        for _ in 0..<200 {
            let offsets = (0..<Int(generator.next() % 12)).map { _ in Int(generator.next() % 26) }
            let batch = paragraph.locations(ofBytes: offsets)
            #expect(batch.count == offsets.count)
            for (offset, place) in zip(offsets, batch) {
                #expect(place == paragraph.location(ofByte: offset), "\(offsets)")
            }
        }
    }
}
