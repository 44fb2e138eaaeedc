import Testing
@testable import Dedup

/// Match-key cases found by the property tests (`ShrinkingPropertyTests`).
@Suite struct MatchKeyRegressionTests {
    /// Dropping punctuation between a base letter and a combining mark used to leave the key
    /// decomposed ("o\u{308}\u{301}"), so it differed from the key of the composed text and from
    /// its own key.
    @Test func droppedPunctuationBeforeACombiningMarkStillComposes() {
        var keys = MatchKeyBuilder()
        let split = keys.key(of: Array("o'\u{308}\u{301}".utf8)).bytes
        let composed = keys.key(of: Array("ö\u{301}".utf8)).bytes
        #expect(split == composed)
        #expect(split == Array("ö\u{301}".utf8))
        #expect(keys.key(of: split).bytes == split)
        #expect(keys.key(of: Array("Zu-\u{308}rich, e.\u{301}".utf8)).bytes == keys.key(of: Array("Zürich, é".utf8)).bytes)
    }
}
