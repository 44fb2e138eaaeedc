import Testing
@testable import Dedup

/// The analyzer keys a paragraph as read when its match key can be built by table, and leaves its
/// normalization to the assembler (`DocumentAnalyzer.normalizesLate`). That is only right if
/// such a text's key is the key of its normalized text: checked here on random text made of what
/// normalization changes — spaces of every kind, invisible characters, line breaks and wrap
/// hyphens, full-width letters and digits, half-width katakana, ASCII punctuation and straight
/// quotes between Chinese and Latin words.
@Suite struct KeyOfNormalizedTextPropertyTests {
    static let pieces: [String] = [
        "科技", "突围", "工程", "内蒙古", "，", "。", "、", "“", "”", "「", "」", "——", "…",
        "Ａ", "ｂ", "１", "２", "ｶﾀｶﾅ", "ｱ", "ﾝ", "ｰ",
        "word", "Exam", "ple", "A", "z", "0", "9", "x2",
        ",", ";", ":", "?", "!", "(", ")", "\"", "'", "-", ".", "/", "@", "+", "~", "$", "%", "<", ">",
        " ", "  ", "\u{3000}", "\u{00A0}", "\t", "\u{2002}",
        "\n", "-\n", "\u{2010}\n", " \n ",
        "http://a.b/c(d)", "a@b.cn",
    ]
    /// Invisible characters are off the table's path (a text holding one is normalized first), so
    /// they are drawn rarely: most texts are then keyed by table, and some that are not are.
    static let invisible = ["\u{200B}", "\u{200C}", "\u{200D}", "\u{2060}", "\u{00AD}", "\u{FEFF}"]

    static func text(_ random: inout SplitMix64) -> String {
        (0..<(1 + Int(random.next() % 24))).map { _ in
            random.next() % 50 == 0
                ? invisible[Int(random.next() % UInt64(invisible.count))]
                : pieces[Int(random.next() % UInt64(pieces.count))]
        }.joined()
    }

    @Test(arguments: [1, 2, 3, 4])
    func aTextKeyedByTableHasTheKeyOfItsNormalizedText(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        var normalizer = ParagraphNormalizer(options: DedupConfiguration.default.normalization)
        var keys = MatchKeyBuilder()
        var scalars: [UInt32] = []
        var keyedByTable = 0
        for _ in 0..<2_000 {
            let input = Array(Self.text(&random).utf8)
            let asRead = input.withUnsafeBufferPointer { text in
                keys.withTableKey(of: text, scalars: &scalars, at: 0) { key, significant, _ in (Array(key), significant) }
            }
            guard let asRead else { continue }
            keyedByTable += 1
            let normalized = normalizer.normalize(input).text
            let expected = normalized.withUnsafeBufferPointer { text in keys.withKey(of: text) { (Array($0), $1) } }
            #expect(asRead.0 == expected.0, "\(String(decoding: input, as: UTF8.self).debugDescription)")
            #expect(asRead.1 == expected.1, "\(String(decoding: input, as: UTF8.self).debugDescription)")
        }
        #expect(keyedByTable > 1_000 && keyedByTable < 2_000)
    }
}
