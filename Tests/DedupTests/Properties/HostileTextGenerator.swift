@testable import Dedup

/// Seeded random byte strings built to hurt a text pipeline: mixed scripts, combining marks,
/// emoji, every kind of blank, CR/LF soup, quotes, and ill-formed UTF-8 (lone continuation bytes,
/// truncated sequences, surrogates, overlong forms, bytes that never occur in UTF-8).
struct HostileTextGenerator {
    var random: SplitMix64

    init(seed: UInt64) {
        random = SplitMix64(seed: seed)
    }

    static let pieces: [[UInt8]] = [
        "科技", "“突围”", "「引号」", "，", "。", "abc", "ABC", "ＡＢＣ１２３", "123", "Ωμέγα", "русский",
        "한국어", "ひらがな", "カタカナ", "ｶﾀｶﾅ", "e\u{301}", "\u{1F600}", "\u{1F1E8}\u{1F1F3}", "𠀀",
        " ", "\t", "\u{3000}", "\u{A0}", "\u{200B}", "\u{FEFF}", "\u{2028}", "\"", "'", "‘", "’",
    ].map { Array($0.utf8) }

    static let breaks: [[UInt8]] = [[0x0A], [0x0D], [0x0D, 0x0A], [0x0A, 0x0A], [0x0A, 0x20, 0x0A]]

    static let illFormed: [[UInt8]] = [
        [0x80], [0xBF], [0xC0, 0xAF], [0xC2], [0xE4, 0xB8], [0xED, 0xA0, 0x80], [0xF0, 0x9F, 0x98],
        [0xF4, 0x90, 0x80, 0x80], [0xF5], [0xFE], [0xFF], [0xEF, 0xBB, 0xBF],
    ]

    mutating func next(maxPieces: Int = 60) -> [UInt8] {
        var bytes: [UInt8] = []
        let count = Int(random.next() % UInt64(maxPieces + 1))
        for _ in 0..<count {
            switch random.next() % 10 {
            case 0...5: bytes += Self.pieces[Int(random.next() % UInt64(Self.pieces.count))]
            case 6, 7: bytes += Self.breaks[Int(random.next() % UInt64(Self.breaks.count))]
            case 8: bytes += Self.illFormed[Int(random.next() % UInt64(Self.illFormed.count))]
            default: bytes.append(UInt8(truncatingIfNeeded: random.next()))
            }
        }
        return bytes
    }
}
