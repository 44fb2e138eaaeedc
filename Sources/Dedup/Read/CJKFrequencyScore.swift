// Design note: ICU's detector needs a few dozen double-byte characters to recognise GB18030 or
// Big5 (measured on the seed's paragraphs cut to 6 and 12 characters: 0/36 and 29/36 detected as
// GB18030). Validity alone cannot decide either: almost any byte pair is valid GB18030, so Big5 and
// Shift_JIS text decodes "cleanly" as GB18030. What does separate them is where the characters
// fall: every legacy CJK encoding puts its most frequent characters in one known block (GB2312
// level-1 hanzi, Big5 frequent hanzi, Shift_JIS kana and level-1 kanji), and text in another
// encoding lands there only by accident. This score is the fraction of double-byte characters that
// fall in an encoding's frequent block. O(n), no allocation.

/// The legacy CJK encodings the fallback can tell apart, with their frequent-character blocks.
enum CJKLegacyEncoding: String, CaseIterable, Sendable {
    case gb18030 = "GB18030"
    case big5 = "Big5"
    case shiftJIS = "Shift_JIS"

    /// Fraction (0…1) of the double-byte characters in `bytes`, parsed with this encoding's byte
    /// structure, that fall in its frequent block, and how many double-byte characters there were.
    /// - Complexity: O(n).
    func frequencyScore(_ bytes: UnsafeBufferPointer<UInt8>) -> (score: Double, characters: Int) {
        var frequent = 0
        var characters = 0
        var i = 0
        let count = bytes.count
        while i < count {
            let lead = bytes[i]
            if lead < 0x80 {
                i += 1
                continue
            }
            if self == .shiftJIS && lead >= 0xA1 && lead <= 0xDF {
                characters += 1  // half-width katakana: valid, rare in running text
                i += 1
                continue
            }
            guard i + 1 < count else { break }
            let trail = bytes[i + 1]
            if self == .gb18030 && trail >= 0x30 && trail <= 0x39 {
                characters += 1  // four-byte GB18030 sequence: rare
                i += 4
                continue
            }
            characters += 1
            if isFrequent(lead: lead, trail: trail) { frequent += 1 }
            i += 2
        }
        return (characters == 0 ? 0 : Double(frequent) / Double(characters), characters)
    }

    @inline(__always)
    private func isFrequent(lead: UInt8, trail: UInt8) -> Bool {
        switch self {
        case .gb18030:
            // GB2312 punctuation rows (A1-A3) and level-1 hanzi (B0-D7), both with trails A1-FE.
            return trail >= 0xA1 && trail <= 0xFE
                && ((lead >= 0xA1 && lead <= 0xA3) || (lead >= 0xB0 && lead <= 0xD7))
        case .big5:
            // Big5 symbols (A1-A3) and frequent hanzi (A440-C67E).
            let validTrail = (trail >= 0x40 && trail <= 0x7E) || (trail >= 0xA1 && trail <= 0xFE)
            return validTrail && ((lead >= 0xA1 && lead <= 0xA3) || (lead >= 0xA4 && lead <= 0xC6))
        case .shiftJIS:
            // JIS X 0208 punctuation, kana (81-83) and level-1 kanji (889F-9872).
            let validTrail = trail >= 0x40 && trail <= 0xFC && trail != 0x7F
            return validTrail && ((lead >= 0x81 && lead <= 0x83) || (lead >= 0x88 && lead <= 0x98))
        }
    }
}
