import CICU
import Testing
@testable import Dedup

/// An all-ASCII paragraph is normalized on bytes (normalize.cpp's ASCII path) instead of being
/// decoded to code points. The general path is the definition: output, return value, counts and
/// shape must be the same, for every combination of steps; and the ASCII path must actually be
/// taken for Latin prose, or the speed-up is gone without any test noticing.
@Suite struct ASCIINormalizationPathTests {
    struct Result: Equatable {
        var length: Int32
        var text: [UInt8]
        var counts: [Int32]
        var shape: [Int32]
    }

    static func run(
        _ text: [UInt8], flags: UInt32,
        _ normalize: (UnsafePointer<UInt8>?, Int32, UnsafeMutablePointer<UInt8>?, Int32, UInt32,
                      UnsafeMutablePointer<UInt32>?, Int64, UnsafeMutablePointer<Int32>?,
                      UnsafeMutablePointer<dedup_paragraph_shape>?) -> Int32
    ) -> Result {
        var dest = [UInt8](repeating: 0xEE, count: 3 * text.count + 16)
        var work = [UInt32](repeating: 0, count: 6 * text.count + 64)
        var counts = [Int32](repeating: 0, count: Int(DEDUP_NORM_COUNT_KINDS))
        var shape = dedup_paragraph_shape()
        let length = text.withUnsafeBufferPointer { src in
            dest.withUnsafeMutableBufferPointer { out in
                work.withUnsafeMutableBufferPointer { scratch in
                    counts.withUnsafeMutableBufferPointer { c in
                        normalize(src.baseAddress, Int32(src.count), out.baseAddress, Int32(out.count), flags,
                                  scratch.baseAddress, Int64(scratch.count), c.baseAddress, &shape)
                    }
                }
            }
        }
        let s = shape
        return Result(
            length: length, text: length >= 0 ? Array(dest[0..<Int(length)]) : [], counts: counts,
            shape: [s.significant, s.inner_marks, s.sentence_ends, s.first_category, s.last_category, s.first_class,
                    s.last_class, s.pair_marks, s.tail_pauses, s.pairs_balanced, s.cjk_letters, s.tail_dashes])
    }

    /// Bytes that exercise every step: letters (upper and lower, for wrap hyphens), digits, every
    /// ASCII space and control kind, line breaks, hyphens, the marks the punctuation step knows.
    static let pool: [UInt8] = {
        let printable: [UInt8] = Array("aAbzZe1 \n\n\t\r-,;:?!()\"'./@".utf8)
        let controls: [UInt8] = [0x0B, 0x0C, 0x1C, 0x1F, 0x00, 0x01, 0x7F]
        return printable + controls
    }()

    @Test func asciiPathMatchesTheGeneralPathForEveryStepCombination() {
        var random = SplitMix64(seed: 23)
        let steps: [UInt32] = [
            UInt32(DEDUP_NORM_WHITESPACE), UInt32(DEDUP_NORM_WIDTH), UInt32(DEDUP_NORM_PUNCTUATION),
            UInt32(DEDUP_NORM_QUOTES), UInt32(DEDUP_NORM_LINES), UInt32(DEDUP_NORM_KEEP_SOURCE),
        ]
        var mismatches = 0
        for round in 0..<6_000 {
            let length = Int(random.next() % 40)
            let text = (0..<length).map { _ in Self.pool[Int(random.next() % UInt64(Self.pool.count))] }
            var flags: UInt32 = 0
            for step in steps where random.next() % 4 != 0 { flags |= step }
            if round < 64 {  // every combination of the five steps and keeping the source
                flags = 0
                for (bit, step) in steps.enumerated() where round & (1 << bit) != 0 { flags |= step }
            }
            let fast = Self.run(text, flags: flags, dedup_icu_normalize_paragraph)
            let reference = Self.run(text, flags: flags, dedup_icu_normalize_paragraph_reference)
            if fast != reference {
                mismatches += 1
                if mismatches <= 5 { Issue.record("flags \(flags), \(text): \(fast) vs \(reference)") }
            }
        }
        #expect(mismatches == 0)
    }

    @Test func latinProseTakesTheASCIIPath() {
        func takes(_ text: String, _ flags: UInt32 = UInt32(DEDUP_NORM_WHITESPACE | DEDUP_NORM_LINES)) -> Bool {
            let bytes = Array(text.utf8)
            return bytes.withUnsafeBufferPointer { dedup_icu_normalize_takes_ascii_path($0.baseAddress, Int32($0.count), flags) } == 1
        }
        #expect(takes("Permission is hereby granted, free of charge,\nto any person obtaining a copy"))
        #expect(takes(""))
        #expect(!takes("Permission is hereby granted, free of charge, to any person obtaining a copy é"))
        #expect(!takes("许可"))
        #expect(!takes("Permission", UInt32(DEDUP_NORM_SIMPLIFIED)))
    }
}
