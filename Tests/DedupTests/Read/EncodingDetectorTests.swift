import CICU
import Testing
@testable import Dedup

@Suite struct EncodingDetectorTests {
    let detector = EncodingDetector()

    func encoding(_ bytes: [UInt8]) -> String? {
        if case .text(let encoding, _) = detector.detect(bytes) { return encoding }
        return nil
    }

    @Test func asciiAndValidUTF8AreAlwaysUTF8() throws {
        #expect(detector.detect("plain ASCII\n".bytes) == .text(encoding: "UTF-8", basis: .validUTF8))
        #expect(detector.detect([]) == .text(encoding: "UTF-8", basis: .validUTF8))
        #expect(detector.detect(try Fixtures.seedBytes()) == .text(encoding: "UTF-8", basis: .validUTF8))
        // Valid UTF-8 that is also valid GB18030 byte-wise stays UTF-8.
        #expect(encoding("中文".bytes) == "UTF-8")
    }

    @Test func byteOrderMarksDecide() {
        #expect(detector.detect([0xEF, 0xBB, 0xBF, 0x41]) == .text(encoding: "UTF-8", basis: .byteOrderMark))
        #expect(detector.detect([0xFF, 0xFE, 0x41, 0x00]) == .text(encoding: "UTF-16LE", basis: .byteOrderMark))
        #expect(detector.detect([0xFE, 0xFF, 0x00, 0x41]) == .text(encoding: "UTF-16BE", basis: .byteOrderMark))
        #expect(detector.detect([0xFF, 0xFE, 0x00, 0x00, 0x41, 0, 0, 0]) == .text(encoding: "UTF-32LE", basis: .byteOrderMark))
        #expect(detector.detect([0x00, 0x00, 0xFE, 0xFF]) == .text(encoding: "UTF-32BE", basis: .byteOrderMark))
    }

    @Test func nulBytesOrControlSoupAreBinary() {
        #expect(detector.detect("text\u{0}more".bytes) == .binary(reason: "contains NUL bytes"))
        // UTF-16 without a BOM has NULs too: binary unless --encoding says otherwise.
        #expect(detector.detect([0x41, 0x00, 0x42, 0x00]) == .binary(reason: "contains NUL bytes"))
        var generator = SplitMix64(seed: 3)
        let noise = (0..<4096).map { _ in UInt8(truncatingIfNeeded: generator.next() | 1) }  // no NUL
        guard case .binary(let reason) = detector.detect(noise) else {
            Issue.record("random bytes were taken for text")
            return
        }
        #expect(reason.hasSuffix("% control bytes"))
    }

    @Test func damagedUTF8StaysUTF8() {
        // A truncated last character must not turn a UTF-8 file into mojibake.
        let truncated = "第一段文字\n\n第二段".bytes + [0xE6, 0x96]
        #expect(detector.detect(truncated) == .text(encoding: "UTF-8", basis: .damagedUTF8))
    }

    @Test func legacyCJKFilesAreDetected() throws {
        #expect(encoding(try Fixtures.bytes(Fixtures.url("encodings/seed.gb18030.txt").path)) == "GB18030")
        #expect(encoding(try Fixtures.bytes(Fixtures.url("encodings/zh-tw.big5.txt").path)) == "Big5")
        #expect(encoding(try Fixtures.bytes(Fixtures.url("encodings/ja.shift_jis.txt").path)) == "Shift_JIS")
    }

    /// ICU's detector alone names none of these 12-byte GB18030 texts (it says IBM420, ISO-8859-1…);
    /// the frequent-character fallback gets them right.
    @Test func shortGB18030TextsUseTheFrequentCharacterFallback() {
        // "科技成果转化" and "本报北京电" in GB18030.
        let samples: [[UInt8]] = [
            [0xBF, 0xC6, 0xBC, 0xBC, 0xB3, 0xC9, 0xB9, 0xFB, 0xD7, 0xAA, 0xBB, 0xAF],
            [0xB1, 0xBE, 0xB1, 0xA8, 0xB1, 0xB1, 0xBE, 0xA9, 0xB5, 0xE7],
        ]
        for sample in samples {
            guard case .text(let encoding, _) = detector.detect(sample) else {
                Issue.record("taken for binary")
                continue
            }
            #expect(encoding == "GB18030")
        }
    }

    @Test func frequencyScoreSeparatesGBFromBig5() throws {
        let gb = try Fixtures.bytes(Fixtures.url("encodings/seed.gb18030.txt").path)
        let big5 = try Fixtures.bytes(Fixtures.url("encodings/zh-tw.big5.txt").path)
        let gbAsGB = gb.withUnsafeBufferPointer { CJKLegacyEncoding.gb18030.frequencyScore($0).score }
        let gbAsBig5 = gb.withUnsafeBufferPointer { CJKLegacyEncoding.big5.frequencyScore($0).score }
        let big5AsBig5 = big5.withUnsafeBufferPointer { CJKLegacyEncoding.big5.frequencyScore($0).score }
        let big5AsGB = big5.withUnsafeBufferPointer { CJKLegacyEncoding.gb18030.frequencyScore($0).score }
        #expect(gbAsGB > 0.9 && gbAsGB > gbAsBig5 + 0.2)
        #expect(big5AsBig5 > 0.8 && big5AsBig5 > big5AsGB + 0.2)
    }

    /// Found by `ShrinkingPropertyTests`: ICU's detector called this `IBM420_ltr` (confidence
    /// above 50), a name no converter answers to, so decoding failed with "cannot convert".
    @Test func detectorGuessesWithoutAConverterAreNotUsed() throws {
        let raw: [UInt8] = [209, 128, 209, 131, 209, 129, 209, 129, 208, 186, 208, 184, 208, 185, 228, 184, 202, 74, 146, 155]
        guard case .text(let encoding, _) = detector.detect(raw) else {
            Issue.record("taken for binary")
            return
        }
        #expect(ICUCharsets.canonicalName(encoding) != nil || encoding == "UTF-8", "\(encoding)")
        #expect(!EncodingDetector.acceptsOtherGuess("IBM420_ltr"))
        #expect(EncodingDetector.acceptsOtherGuess("windows-1252"))
        let decoded = try InputDecoder(options: DedupConfiguration.default.input).decode(raw, path: "p")
        #expect(String(validating: decoded.bytes, as: UTF8.self) != nil)
    }

    @Test func latin1IsNotTakenForCJK() {
        let text = "Le café était fermé à cause de la grève générale, près de la forêt.\n"
        let latin1 = text.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }
        let result = encoding(latin1)
        #expect(result != "GB18030" && result != "Big5" && result != "Shift_JIS")
    }

    /// The block scan that answers "valid UTF-8 without NUL?" before the survey must agree with
    /// the survey on every input: hostile pieces, and the same between long clean runs so the
    /// 16-byte blocks, a sequence cut at a block's edge, and a NUL or bad byte deep inside meet.
    @Test func fastValidityCheckAgreesWithTheSurvey() {
        var generator = HostileTextGenerator(seed: 23)
        let clean = Array(String(repeating: "科技abc新闻，", count: 7).utf8)
        var disagreements: [[UInt8]] = []
        for round in 0..<4000 {
            var raw = generator.next()
            if round % 2 == 1 { raw = clean + raw + clean }
            if round % 7 == 3 { raw.insert(0, at: raw.count / 2) }
            let survey = ByteSurvey(raw)
            let expected = survey.isValidUTF8 && survey.nulBytes == 0
            let fast = raw.withUnsafeBufferPointer { buffer in
                buffer.baseAddress.map { dedup_utf8_is_valid_without_nul($0, Int64(buffer.count)) != 0 } ?? true
            }
            if fast != expected { disagreements.append(raw) }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(3))")
        // Every cut of a clean text is checked to the byte: a sequence cut by the end is invalid.
        for end in 0...clean.count {
            let prefix = Array(clean[..<end])
            let expected = ByteSurvey(prefix).isValidUTF8
            let fast = prefix.withUnsafeBufferPointer { buffer in
                buffer.baseAddress.map { dedup_utf8_is_valid_without_nul($0, Int64(buffer.count)) != 0 } ?? true
            }
            #expect(fast == expected, "cut at \(end)")
        }
    }

    /// The one-pass scan stops at the first NUL, CR or ill-formed sequence: the decoder's
    /// unchanged prefix cut at the first NUL. A file it covers whole is called plain, and the
    /// decoder's shortcut for plain bytes gives exactly what a full decode gives.
    @Test func plainScanStopsAtNulCRAndBadBytesAndPlainBytesDecodeUnchanged() {
        var generator = HostileTextGenerator(seed: 29)
        let clean = Array(String(repeating: "科技abc新闻，", count: 7).utf8)
        var failures: [[UInt8]] = []
        var plainSeen = 0
        for round in 0..<4000 {
            var raw = generator.next()
            if round % 2 == 1 { raw = clean + raw + clean }
            if round % 5 == 0 { raw = clean + clean }
            if round % 7 == 3 { raw.insert(round % 14 == 3 ? 0 : 0x0D, at: raw.count / 2) }
            let (plain, unchanged) = raw.withUnsafeBufferPointer { buffer -> (Int, Int) in
                guard let base = buffer.baseAddress else { return (0, 0) }
                return (Int(dedup_utf8_plain_prefix(base, Int64(buffer.count))),
                        Int(dedup_utf8_unchanged_prefix(base, Int64(buffer.count))))
            }
            if plain != min(unchanged, raw.firstIndex(of: 0) ?? raw.count) { failures.append(raw) }
            let (detection, isPlain) = raw.withUnsafeBufferPointer { EncodingDetector().detectScanning($0) }
            if detection != EncodingDetector().detect(raw) { failures.append(raw) }
            if isPlain {
                plainSeen += 1
                let hasBOM = raw.starts(with: [0xEF, 0xBB, 0xBF])
                if plain != raw.count || hasBOM || UTF8InputDecoder().plain(raw) != UTF8InputDecoder().decode(raw) {
                    failures.append(raw)
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(3))")
        #expect(plainSeen > 500)
        // A CRLF file is still valid UTF-8, but not plain: the decoder must drop its CRs.
        let crlf = Array("第一段\r\n\r\n第二段\r\n".utf8)
        let (detection, isPlain) = crlf.withUnsafeBufferPointer { EncodingDetector().detectScanning($0) }
        #expect(detection == .text(encoding: "UTF-8", basis: .validUTF8) && !isPlain)
        let decoded = try? InputDecoder(options: DedupConfiguration.default.input).decode(crlf, path: "crlf.txt")
        #expect(decoded?.bytes == Array("第一段\n\n第二段\n".utf8))
    }
}
