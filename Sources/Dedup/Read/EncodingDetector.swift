import CICU

// Design note: cheap checks first, in the order that makes a wrong guess least likely.
// 1. A byte-order mark decides (UTF-32 before UTF-16: FF FE 00 00 starts both).
// 2. A NUL byte means binary (UTF-16/32 without a BOM included: not supported without --encoding).
// 3. Valid UTF-8 (pure ASCII included) is always UTF-8: no detector can beat a clean decode.
// 4. Over 5% C0 control bytes (other than TAB, LF, VT, FF, CR, ESC) means binary.
// 5. At least twice as many well-formed multi-byte UTF-8 sequences as ill-formed ones means damaged
//    UTF-8 (a truncated or spliced file): legacy CJK text measured at most 0.5 valid per invalid
//    (seed and 80 bench documents converted to GB18030/Big5/Shift_JIS: 0.03 to 0.5).
// 6. ICU's detector, trusted when its best guess is a CJK multi-byte encoding with confidence ≥ 50
//    (it named GB18030/Big5 correctly on every bench document and on texts down to ~40 bytes).
// 7. For short texts the detector gets wrong (6-character paragraphs: IBM420, ISO-8859-1…), the
//    frequent-character score of `CJKLegacyEncoding` over a strict-valid decode, when ≥ 0.5.
// 8. Any other detector guess with confidence ≥ 50 (e.g. windows-1252 for Western pages) that
//    ICU can convert from, EBCDIC and BOM-less UTF guesses excluded.
// 9. Otherwise UTF-8 with replacement, counted.
// Cost: one survey pass over the whole file, plus the detector and the fallback on at most the
// first `sampleLimit` bytes. O(n).

/// Decides how to read a file's bytes: which encoding, or that it is binary.
public struct EncodingDetector: Sendable {
    /// The detector and the fallback look at no more than this many leading bytes.
    public static let sampleLimit = 1 << 20
    /// Multi-byte encodings the ICU detector is trusted for at confidence ≥ 50.
    static let trustedCJK: Set<String> = ["GB18030", "Big5", "Shift_JIS", "EUC-JP", "EUC-KR"]

    public init() {}

    /// - Complexity: O(n).
    public func detect(_ bytes: UnsafeBufferPointer<UInt8>) -> EncodingDetection {
        detectScanning(bytes).detection
    }

    /// `detect`, and whether the bytes are plain: valid UTF-8 without a BOM, NUL or CR, which
    /// `UTF8InputDecoder` would return unchanged (`UTF8InputDecoder.plain`). Why: the common
    /// check below already scans every byte for that, and scanning them again in the decoder was
    /// 1.2 % of the instructions of a zh run.
    /// - Complexity: O(n).
    func detectScanning(_ bytes: UnsafeBufferPointer<UInt8>) -> (detection: EncodingDetection, isPlain: Bool) {
        if let bom = Self.byteOrderMarkEncoding(bytes) {
            return (.text(encoding: bom, basis: .byteOrderMark), false)
        }
        // The common case first, at the decoder's block-scan speed: valid UTF-8 without NUL bytes
        // is exactly what the full survey below would call `.validUTF8`. One scan stops at NUL and
        // CR; past a CR (a CRLF file), the rest is checked for validity alone.
        if let base = bytes.baseAddress {
            let plain = Int(dedup_utf8_plain_prefix(base, Int64(bytes.count)))
            if plain == bytes.count { return (.text(encoding: "UTF-8", basis: .validUTF8), true) }
            if bytes[plain] == 0x0D, dedup_utf8_is_valid_without_nul(base + plain, Int64(bytes.count - plain)) != 0 {
                return (.text(encoding: "UTF-8", basis: .validUTF8), false)
            }
        }
        return (detectBySurvey(bytes), false)
    }

    /// The checks after the common case: the survey, then ICU's detector and the fallbacks.
    private func detectBySurvey(_ bytes: UnsafeBufferPointer<UInt8>) -> EncodingDetection {
        let survey = ByteSurvey(bytes)
        if survey.nulBytes > 0 {
            return .binary(reason: "contains NUL bytes")
        }
        if survey.isValidUTF8 {
            return .text(encoding: "UTF-8", basis: .validUTF8)
        }
        if survey.controlBytes * 20 > survey.byteCount {
            let percent = survey.controlBytes * 100 / max(1, survey.byteCount)
            return .binary(reason: "\(percent)% control bytes")
        }
        if survey.multibyteSequences >= 2 * survey.invalidSequences {
            return .text(encoding: "UTF-8", basis: .damagedUTF8)
        }
        let sample = UnsafeBufferPointer(rebasing: bytes[0..<min(bytes.count, Self.sampleLimit)])
        let matches = ICUCharsets.detect(sample)
        if let top = matches.first, Self.trustedCJK.contains(top.name), top.confidence >= 50 {
            return .text(encoding: top.name, basis: .detector(confidence: top.confidence))
        }
        if let (encoding, score) = Self.frequentCharacterGuess(sample) {
            return .text(encoding: encoding.rawValue, basis: .frequentCharacters(score: score))
        }
        if let top = matches.first, top.confidence >= 50, Self.acceptsOtherGuess(top.name) {
            return .text(encoding: top.name, basis: .detector(confidence: top.confidence))
        }
        return .text(encoding: "UTF-8", basis: .noConfidentGuess)
    }

    public func detect(_ bytes: [UInt8]) -> EncodingDetection {
        bytes.withUnsafeBufferPointer { detect($0) }
    }

    /// Whether a detector guess outside `trustedCJK` may be used: not UTF (a BOM-less UTF-16/32
    /// guess on text without NULs is wrong), not EBCDIC (the detector's `IBM420_ltr`, `IBM424_rtl`…
    /// are not converter names, and no scraped page is EBCDIC), and one ICU can convert from.
    static func acceptsOtherGuess(_ name: String) -> Bool {
        !name.hasPrefix("UTF") && !name.hasPrefix("IBM42") && ICUCharsets.canonicalName(name) != nil
    }

    /// The encoding a leading byte-order mark names, if any.
    static func byteOrderMarkEncoding(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        let b = Array(bytes.prefix(4))
        if b.starts(with: [0xEF, 0xBB, 0xBF]) { return "UTF-8" }
        if b.starts(with: [0xFF, 0xFE, 0x00, 0x00]) { return "UTF-32LE" }
        if b.starts(with: [0x00, 0x00, 0xFE, 0xFF]) { return "UTF-32BE" }
        if b.starts(with: [0xFF, 0xFE]) { return "UTF-16LE" }
        if b.starts(with: [0xFE, 0xFF]) { return "UTF-16BE" }
        return nil
    }

    /// The legacy CJK encoding whose frequent block holds the largest share (at least half) of
    /// the sample's double-byte characters, among those that decode the sample without error.
    static func frequentCharacterGuess(
        _ sample: UnsafeBufferPointer<UInt8>
    ) -> (CJKLegacyEncoding, Double)? {
        var best: (CJKLegacyEncoding, Double)? = nil
        for encoding in CJKLegacyEncoding.allCases {
            let (score, characters) = encoding.frequencyScore(sample)
            guard characters > 0, score >= 0.5, score > (best?.1 ?? 0) else { continue }
            // A sample cut inside a character is fine: only complete characters are checked.
            let clean = (try? ICUCharsets.convertToUTF8(
                UnsafeBufferPointer(rebasing: sample[0..<trimmedLength(sample)]),
                from: encoding.rawValue, strict: true))
                .map { !$0.stoppedAtInvalid } ?? false
            if clean { best = (encoding, score) }
        }
        return best
    }

    /// The sample's length without a trailing incomplete multi-byte character (at most 3 bytes cut),
    /// when the sample is a prefix of a longer file.
    private static func trimmedLength(_ sample: UnsafeBufferPointer<UInt8>) -> Int {
        guard sample.count == sampleLimit else { return sample.count }
        var end = sample.count
        while end > 0 && sample.count - end < 3 && sample[end - 1] >= 0x80 { end -= 1 }
        return end
    }
}
