import CICU
import Testing
@testable import Dedup

/// The match key's table-driven path (match_key.cpp) must give exactly the bytes and count of the
/// ICU path, which is the definition; and it must actually be taken for ordinary text, or the
/// speed-up is gone without any test noticing.
@Suite struct MatchKeyFastPathTests {
    /// (key bytes, significant characters) by the public entry point and by ICU alone.
    func bothKeys(_ text: [UInt8]) -> (fast: ([UInt8], Int32), reference: ([UInt8], Int32)) {
        func run(_ build: (UnsafePointer<UInt8>?, Int32, UnsafeMutablePointer<UInt8>?, Int32, UnsafeMutablePointer<Int32>?) -> Int32) -> ([UInt8], Int32) {
            var dest = [UInt8](repeating: 0, count: text.count * 4 + 64)
            var significant: Int32 = -1
            let length = text.withUnsafeBufferPointer { src in
                dest.withUnsafeMutableBufferPointer { build(src.baseAddress, Int32(src.count), $0.baseAddress, Int32($0.count), &significant) }
            }
            return length >= 0 ? (Array(dest[0..<Int(length)]), significant) : ([], length)
        }
        return (run(dedup_icu_match_key), run(dedup_icu_match_key_reference))
    }

    /// Key bytes, significant characters, scalar count (−1: none) and scalars by
    /// `dedup_icu_match_key_with_scalars`, and the key bytes decoded.
    func keyWithScalars(_ bytes: [UInt8]) -> (key: [UInt8], significant: Int32, scalarCount: Int32, scalars: [UInt32], decoded: [UInt32]) {
        var dest = [UInt8](repeating: 0, count: bytes.count * 4 + 64)
        var scalars = [UInt32](repeating: 0xFFFF_FFFF, count: bytes.count)
        var significant: Int32 = -1, scalarCount: Int32 = -2
        let length = bytes.withUnsafeBufferPointer { src in
            dest.withUnsafeMutableBufferPointer { d in
                scalars.withUnsafeMutableBufferPointer { sc in
                    dedup_icu_match_key_with_scalars(
                        src.baseAddress, Int32(src.count), d.baseAddress, Int32(d.count), &significant,
                        sc.baseAddress, Int32(sc.count), &scalarCount)
                }
            }
        }
        let key = length >= 0 ? Array(dest[0..<Int(length)]) : []
        let decoded = String(decoding: key, as: UTF8.self).unicodeScalars.map(\.value)
        return (key, significant, scalarCount, scalarCount >= 0 ? Array(scalars[0..<Int(scalarCount)]) : [], decoded)
    }

    func takesFastPath(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { dedup_icu_match_key_takes_fast_path($0.baseAddress, Int32($0.count)) } == 1
    }

    /// Every BMP character, between a letter, an ideograph and a digit and next to itself: the two
    /// paths agree (where the table sends the text to ICU, they agree trivially). Buffers are
    /// reused and the text is encoded by hand: 64 K rounds of array building took 35 s unoptimized.
    @Test func everyBMPCharacterGivesTheReferenceKey() {
        var mismatches: [UInt32] = []
        var text = [UInt8](repeating: 0, count: 32)
        var fast = [UInt8](repeating: 0, count: 128)
        var reference = [UInt8](repeating: 0, count: 128)
        for value in UInt32(0)...0xFFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }  // surrogates
            var length = 0
            func put(_ s: Unicode.Scalar) { for b in UTF8.encode(s)! { text[length] = b; length += 1 } }
            put("A"); put(scalar); put("中"); put(scalar); put(scalar); put("1")
            var fastCount: Int32 = 0, referenceCount: Int32 = 0
            let (a, b) = text.withUnsafeBufferPointer { src in
                (fast.withUnsafeMutableBufferPointer {
                    dedup_icu_match_key(src.baseAddress, Int32(length), $0.baseAddress, 128, &fastCount)
                }, reference.withUnsafeMutableBufferPointer {
                    dedup_icu_match_key_reference(src.baseAddress, Int32(length), $0.baseAddress, 128, &referenceCount)
                })
            }
            if a != b || a < 0 || fastCount != referenceCount || fast[0..<Int(a)] != reference[0..<Int(b)] {
                mismatches.append(value)
            }
        }
        #expect(mismatches.isEmpty, "first mismatches: \(mismatches.prefix(10).map { String($0, radix: 16) })")
    }

    /// Random mixes of characters that take either path (and of the characters that make ICU
    /// compose or reorder: combining marks, jamo, characters beyond the BMP).
    @Test func randomMixedTextGivesTheReferenceKey() {
        let pool: [String] = [
            "中", "国", "年", "A", "z", "Q", "5", "Ａ", "ｚ", "９", "，", "。", "“", "”", "（", "）", "、", " ",
            "\u{3000}", "\u{00A0}", "\u{200B}", "\u{FEFF}", "\u{00AD}", "µ", "ß", "İ", "ﬁ", "Ⱥ", "Ω", "K",
            "e", "\u{0301}", "\u{0308}", "\u{0327}", "ᄀ", "ᅡ", "ᆨ", "가", "ｶ", "ﾞ", "ｰ", "𠀀", "😀", "①", "㍿",
            "'", "\"", "-", "¨", "´", "℃", "Ⅻ", "ǅ", "ſ", "\u{1E9E}", "ﷺ", "\t", "…",
        ]
        var random = SplitMix64(seed: 0x6D61_7463_686B_6579)
        var failures: [String] = []
        for _ in 0..<3000 {
            let count = Int(random.next() % 24)
            var text = ""
            for _ in 0..<count { text += pool[Int(random.next() % UInt64(pool.count))] }
            let (fast, reference) = bothKeys(Array(text.utf8))
            if fast.0 != reference.0 || fast.1 != reference.1 { failures.append(text) }
        }
        #expect(failures.isEmpty, "first failures: \(failures.prefix(5))")
    }

    /// The key with its scalars: the same bytes and count as without, and, when scalars are
    /// given (the fast path, once a kept character is not ASCII), exactly the key's bytes
    /// decoded; all-ASCII text and a key built by ICU give none. Also through `MatchKeyBuilder`, with a scalar buffer that
    /// must grow and an offset into it.
    @Test func keyScalarsAreTheKeyDecoded() {
        let pool: [String] = [
            "中", "国", "年", "A", "z", "5", "Ａ", "ｚ", "９", "，", "。", "“", " ", "\u{3000}", "\u{200B}", "µ",
            "ß", "İ", "Ω", "K", "e", "\u{0301}", "가", "ｶ", "𠀀", "①", "'", "-", "℃", "Ⅻ", "…", "é",
        ]
        var random = SplitMix64(seed: 0x7363_616C_6172_7321)
        var failures: [String] = []
        var withScalars = 0, allAscii = 0
        var builder = MatchKeyBuilder()
        var buffer: [UInt32] = []
        for round in 0..<3000 {
            let count = Int(random.next() % 30)
            var text = ""
            for _ in 0..<count { text += pool[Int(random.next() % UInt64(pool.count))] }
            if round % 7 == 0 { text = String(text.unicodeScalars.filter(\.isASCII).map(Character.init)) }
            let bytes = Array(text.utf8)
            let (plain, _) = bothKeys(bytes)
            let (key, significant, scalarCount, scalars, decoded) = keyWithScalars(bytes)
            let isFast = bytes.withUnsafeBufferPointer { dedup_icu_match_key_takes_fast_path($0.baseAddress, Int32($0.count)) } == 1
            let ascii = bytes.allSatisfy { $0 < 0x80 }
            if key != plain.0 || significant != plain.1 { failures.append(text) }
            if scalarCount >= 0 {
                withScalars += 1
                if scalars != decoded || ascii || !isFast { failures.append(text) }
            } else {
                // None: ICU's path, all-ASCII text, or text whose only non-ASCII characters the
                // key drops (its key is ASCII then).
                if scalarCount != -1 || (isFast && !decoded.allSatisfy { $0 < 0x80 }) { failures.append(text) }
                if ascii { allAscii += 1 }
            }
            // Through the builder, at an offset into a buffer that may have to grow.
            let offset = round % 5
            let built = bytes.withUnsafeBufferPointer { src in
                builder.withKey(of: src, scalars: &buffer, at: offset) { (Array($0), $1, $2) }
            }
            if built.0 != key || built.1 != Int(significant) { failures.append(text) }
            if let builtCount = built.2, Array(buffer[offset..<(offset + builtCount)]) != decoded { failures.append(text) }
            if (built.2 ?? -1) != Int(scalarCount) { failures.append(text) }
        }
        #expect(failures.isEmpty, "first failures: \(failures.prefix(5))")
        #expect(withScalars > 150 && allAscii > 300, "\(withScalars) with scalars, \(allAscii) all ASCII")
    }

    @Test func ordinaryChineseAndLatinTextTakesTheFastPath() {
        #expect(takesFastPath("中国２０２４年ＡＢＣ，“突围”工程（部署）；34亿元。"))
        #expect(takesFastPath("The Quick Brown Fox, 20% of it."))
        #expect(takesFastPath("科　技\u{00A0}a"))
        // Characters whose NFKC_Casefold form interacts with neighbours or is several characters.
        #expect(!takesFastPath("e\u{0301}"))
        #expect(!takesFastPath("ﬁne"))
        #expect(!takesFastPath("𠀀"))
    }

    /// Nearly every paragraph of the seed takes the fast path after normalization.
    @Test func theSeedTakesTheFastPath() throws {
        var normalizer = ParagraphNormalizer(options: DedupConfiguration.default.normalization)
        let seed = try Fixtures.seedBytes()
        let spans = ParagraphSplitter().split(seed)
        var fast = 0
        for span in spans {
            let text = normalizer.normalize(Array(seed[span.range])).text
            if text.withUnsafeBufferPointer({ dedup_icu_match_key_takes_fast_path($0.baseAddress, Int32($0.count)) }) == 1 {
                fast += 1
            }
        }
        #expect(spans.count > 20 && fast == spans.count)
    }

    /// Runs of ASCII are keyed eight bytes at a time while a whole block is ASCII: runs of every
    /// length around the block size, of every ASCII byte, at every offset after a non-ASCII
    /// character (before and after the key has scalars), give the reference key, count and
    /// scalars.
    @Test func asciiRunsKeyedByBlocksGiveTheReferenceKey() {
        var random = SplitMix64(seed: 0x6173_6369_6938)
        var failures: [String] = []
        for length in 0...40 {
            for prefix in ["", "中", "é", "\u{3000}", "ab中"] {
                for suffix in ["", "中", "é", "，x"] {
                    for _ in 0..<6 {
                        let run = (0..<length).map { _ in UInt8(random.next() % 128) }
                        let bytes = Array(prefix.utf8) + run + Array(suffix.utf8)
                        let (fast, reference) = bothKeys(bytes)
                        let (key, significant, scalarCount, scalars, decoded) = keyWithScalars(bytes)
                        let scalarsAgree = scalarCount >= 0 ? scalars == decoded : scalarCount == -1 && decoded.allSatisfy { $0 < 0x80 }
                        if fast.0 != reference.0 || fast.1 != reference.1 || key != reference.0
                            || significant != reference.1 || !scalarsAgree
                        {
                            failures.append(String(decoding: bytes, as: UTF8.self).debugDescription)
                        }
                    }
                }
            }
        }
        #expect(failures.isEmpty, "first failures: \(failures.prefix(5))")
    }

    /// A paragraph whose key outgrows the scratch buffer: the builder grows it and retries.
    @Test func aLongParagraphGrowsTheScratchBuffer() {
        var builder = MatchKeyBuilder()
        let text = Array(String(repeating: "中文Ａ，", count: 4000).utf8)
        let (key, significant) = builder.key(of: text)
        #expect(key == Array(String(repeating: "中文a", count: 4000).utf8))
        #expect(significant == 12000)
        // Over the limit for scalars (64 KiB): the same key, no scalars, no buffer grown for them.
        let huge = Array(String(repeating: "中文Ａ，", count: 7000).utf8)
        var scalars: [UInt32] = []
        let (hugeKey, count) = huge.withUnsafeBufferPointer { src in
            builder.withKey(of: src, scalars: &scalars, at: 0) { (Array($0), $2) }
        }
        #expect(huge.count > MatchKeyBuilder.scalarsTextLimit)
        #expect(hugeKey == Array(String(repeating: "中文a", count: 7000).utf8))
        #expect(count == nil && scalars.isEmpty)
    }
}
