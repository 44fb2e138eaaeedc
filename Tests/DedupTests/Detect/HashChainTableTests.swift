import Testing
@testable import Dedup

@Suite struct HashChainTableTests {
    /// Enough values to cross several rewrites of the entry array (the first at 4 096 entries) and
    /// several slot-table doublings; every chain must still walk newest first, in full.
    @Test func chainsKeepNewestFirstOrderAcrossRewrites() {
        var rng = SplitMix64(seed: 6)
        var table = HashChainTable()
        var expected: [UInt64: [Int32]] = [:]
        let keys = (0..<700).map { _ in rng.next() } + [0]  // key 0 is stored as key 1
        for value in 0..<20_000 {
            let key = keys[Int(rng.next() % UInt64(keys.count))]
            table.insert(key, Int32(value))
            expected[key == 0 ? 1 : key, default: []].insert(Int32(value), at: 0)
        }
        for key in keys {
            let want = expected[key == 0 ? 1 : key] ?? []
            var walked: [Int32] = []
            table.forEach(key, limit: .max) { walked.append($0) }
            #expect(walked == want)
            #expect(table.chain(key).count == want.count)
            var limited: [Int32] = []
            table.forEach(in: table.chain(key), limit: 5) { limited.append($0) }
            #expect(limited == Array(want.prefix(5)))
        }
        #expect(table.chain(12345).count == 0)
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
