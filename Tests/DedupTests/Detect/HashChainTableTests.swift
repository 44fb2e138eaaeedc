import Testing
@testable import Dedup

@Suite struct HashChainTableTests {
    /// Enough values to cross several rewrites of the entry array (the first at 4 096 entries) and
    /// several slot-table doublings; every chain must still walk newest first, in full, and the
    /// counted slots must count it. Key 0 is a key like any other.
    @Test func chainsKeepNewestFirstOrderAcrossRewrites() {
        var rng = SplitMix64(seed: 6)
        var counted = HashChainTable<CountedChainSlot>()
        var plain = HashChainTable<ChainSlot8>(compacts: false)
        var expected: [UInt32: [Int32]] = [:]
        // Small keys too: anchors are window minima, skewed towards small values.
        let keys = (0..<700).map { _ in UInt32(truncatingIfNeeded: rng.next()) } + [0, 1, 2, 3, 64, 128]
        for value in 0..<20_000 {
            let key = keys[Int(rng.next() % UInt64(keys.count))]
            counted.insert(key, Int32(value))
            plain.insert(key, Int32(value))
            expected[key, default: []].insert(Int32(value), at: 0)
        }
        for key in keys {
            let want = expected[key] ?? []
            for walk in [{ (body: (Int32) -> Void) in counted.forEach(key, limit: .max, body) },
                         { (body: (Int32) -> Void) in plain.forEach(key, limit: .max, body) }] {
                var walked: [Int32] = []
                walk { walked.append($0) }
                #expect(walked == want)
            }
            #expect(counted.chain(key).count == want.count)
            #expect(plain.chain(key).count == (want.isEmpty ? 0 : 1))
            var limited: [Int32] = []
            counted.forEach(in: counted.chain(key), limit: 5) { limited.append($0) }
            #expect(limited == Array(want.prefix(5)))
        }
        #expect(counted.chain(12345).count == 0)
        #expect(plain.chain(12345).count == 0)
    }
}

@Suite struct IndexFootprintTests {
    @Test func footprintGrowsWithKeptParagraphs() {
        var analyzer = DocumentAnalyzer(configuration: .default)
        var detector = DuplicateDetector(configuration: .default)
        let empty = detector.indexFootprint
        #expect(empty.keptParagraphs == 0)
        // 200 unrelated paragraphs of seeded random letters: nothing is removed, all are kept.
        var rng = SplitMix64(seed: 9)
        let text = (0..<200).map { _ in
            String((0..<80).map { _ in Character(Unicode.Scalar(UInt8(97 + rng.next() % 26))) })
        }.joined(separator: "\n\n")
        let analyzed = analyzer.analyze(UTF8InputDecoder().decode(Array(text.utf8)), id: DocumentID("f"))
        _ = detector.plan(for: analyzed)
        let full = detector.indexFootprint
        #expect(full.keptParagraphs == 200)
        // At least the 16 band values (8 bytes each) and a 16-byte record per kept paragraph.
        #expect(full.bytes - empty.bytes >= 200 * (16 * 8 + 16))
    }
}
