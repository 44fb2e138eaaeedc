import Foundation
import Testing
@testable import Dedup

/// Properties of normalization on random mixed-script text (seeded, so failures reproduce).
@Suite struct NormalizationPropertyTests {
    /// Pieces that exercise every step: CJK, Latin, digits, full-width forms, half-width kana,
    /// ASCII and CJK punctuation, quotes, brackets, spaces, invisible characters, line breaks.
    static let alphabet: [String] = [
        "科", "技", "突", "围", "工", "程", "の", "カ", "a", "B", "z", "7", "0", "Ａ", "９", "ｶ", "ｶﾞ", "ﾊﾟ",
        ",", ";", ":", "?", "!", "(", ")", "\"", "'", ".", "-", "%", "/", "@",
        "，", "。", "“", "”", "‘", "’", "（", "）", "《", "》", "「", "」",
        " ", " ", "\u{3000}", "\u{00A0}", "\t", "\u{200B}", "\u{00AD}", "\u{FEFF}", "\n", "www.", "http://",
    ]

    static func randomText(_ generator: inout SplitMix64) -> String {
        let length = Int(generator.next() % 40)
        var text = ""
        for _ in 0..<length { text += alphabet[Int(generator.next() % UInt64(alphabet.count))] }
        return text
    }

    /// Letters and digits of the ICU match key (NFKC_Casefold, which folds width the way
    /// normalization does): what normalization must preserve. Invisible characters are dropped
    /// first, since normalization removes them before folding (marks they separated may compose).
    static func significant(_ text: String) -> String {
        let visible = String(String.UnicodeScalarView(text.unicodeScalars.filter {
            !$0.properties.isDefaultIgnorableCodePoint
        }))
        var keys = MatchKeyBuilder()
        let key = keys.key(of: Array(visible.utf8)).bytes.utf8String
        return String(String.UnicodeScalarView(key.unicodeScalars.filter {
            $0.properties.isAlphabetic || $0.properties.numericType != nil
        }))
    }

    func normalizeDocument(_ text: String) -> TextNormalizer.Result {
        var normalizer = TextNormalizer(options: DedupConfiguration.default.normalization)
        return normalizer.normalize(text.bytes)
    }

    @Test func paragraphNormalizationIsIdempotent() {
        var generator = SplitMix64(seed: 3)
        var normalizer = ParagraphNormalizer(options: DedupConfiguration.default.normalization)
        for _ in 0..<2000 {
            let text = Self.randomText(&generator)
            let once = normalizer.normalize(text.bytes).text
            let twice = normalizer.normalize(once).text
            #expect(twice == once, "\(text.debugDescription) → \(once.utf8String.debugDescription)")
        }
    }

    @Test func documentNormalizationIsIdempotent() {
        var generator = SplitMix64(seed: 11)
        for _ in 0..<500 {
            let text = (0..<4).map { _ in Self.randomText(&generator) }.joined(separator: "\n\n")
            let once = normalizeDocument(text).output
            let twice = normalizeDocument(once.utf8String)
            #expect(twice.output == once, "\(text.debugDescription)")
            #expect(twice.repairs.isEmpty, "\(text.debugDescription)")
        }
    }

    @Test func rejoiningAndBalancingTogetherAreIdempotent() {
        // A low rejoin minimum makes random paragraphs cut candidates, so joins and quote repairs
        // meet (a stray mark at a paragraph's edge must not change the join decision next time).
        var options = DedupConfiguration.default.normalization
        options.rejoinMinCharacters = 3
        var generator = SplitMix64(seed: 13)
        for _ in 0..<1000 {
            let text = (0..<5).map { _ in Self.randomText(&generator) }.joined(separator: "\n\n")
            var first = TextNormalizer(options: options)
            let once = first.normalize(text.bytes).output
            var second = TextNormalizer(options: options)
            let twice = second.normalize(once)
            #expect(twice.output == once, "\(text.debugDescription)")
            #expect(twice.counts.paragraphsRejoined == 0, "\(text.debugDescription)")
        }
    }

    @Test func lettersIdeographsAndDigitsAreKeptExceptForWidthFolding() {
        var generator = SplitMix64(seed: 5)
        var normalizer = ParagraphNormalizer(options: DedupConfiguration.default.normalization)
        for _ in 0..<2000 {
            let text = Self.randomText(&generator)
            let out = normalizer.normalize(text.bytes).text.utf8String
            #expect(Self.significant(out) == Self.significant(text), "\(text.debugDescription) → \(out.debugDescription)")
        }
    }

    @Test func onlyInvisiblesSpacesAndRepairedMarksAreLost() {
        // Every character of the input survives in order (after width folding and the documented
        // replacements), except invisible characters, spaces, line breaks, wrap hyphens and quote
        // marks the balancer removed.
        var generator = SplitMix64(seed: 9)
        for _ in 0..<500 {
            let text = Self.randomText(&generator)
            let result = normalizeDocument(text)
            var key = MatchKeyBuilder()
            let visible = String(String.UnicodeScalarView(text.unicodeScalars.filter {
                !$0.properties.isDefaultIgnorableCodePoint
            }))
            let before = key.key(of: Array(visible.utf8)).bytes
            let after = key.key(of: result.output).bytes
            // The match key drops punctuation, spaces and invisibles and folds width: equal keys
            // mean no letter, digit or symbol was lost or added.
            #expect(after == before, "\(text.debugDescription) → \(result.output.utf8String.debugDescription)")
        }
    }
}

