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

    /// With `expectedKeys` set, a growth goes straight to the size that holds them half full,
    /// never more than 8 times the keys held at that moment, and every key keeps its values
    /// newest first; without it the table only doubles.
    @Test func expectedKeysGrowTheTableInOneStep() {
        var rng = SplitMix64(seed: 9)
        var guided = HashChainTable<CountedChainSlot>()
        var doubling = HashChainTable<CountedChainSlot>()
        var expected: [UInt32: [Int32]] = [:]
        var insertions = 0
        func insert(_ key: UInt32) {
            guided.insert(key, Int32(insertions))
            doubling.insert(key, Int32(insertions))
            expected[key, default: []].insert(Int32(insertions), at: 0)
            insertions += 1
        }
        while guided.keyCount < 1_000 { insert(UInt32(truncatingIfNeeded: rng.next())) }
        #expect(guided.slotCount == 2_048 && doubling.slotCount == 2_048)
        guided.expectedKeys = 100_000
        // The next growth (for the 1 025th key) asks for room for 100 000 keys, capped at
        // 8 · 1 024: 16 384 slots at once, where doubling has 8 192 by the 2 049th key.
        while guided.keyCount < 2_049 { insert(UInt32(truncatingIfNeeded: rng.next())) }
        #expect(doubling.slotCount == 8_192)
        #expect(guided.slotCount == 16_384)
        // Repeats of held keys add no key; past 8 192 keys the next growth is capped at 8 · 8 192.
        for key in Array(expected.keys.prefix(50)) { insert(key) }
        while guided.keyCount < 8_193 { insert(UInt32(truncatingIfNeeded: rng.next())) }
        #expect(guided.slotCount == 131_072)
        #expect(doubling.slotCount == 32_768)
        for (key, values) in expected {
            var walked: [Int32] = []
            guided.forEach(key, limit: .max) { walked.append($0) }
            #expect(walked == values)
            #expect(guided.chain(key).count == values.count)
        }
    }

    /// A key's only value stays in its slot; the second moves both to the entry array, where
    /// they walk newest first like any chain. Enough keys for several slot-table doublings,
    /// which must carry the values held in slots along. Values 0 and the largest allowed are
    /// values like any other (a slot holds `~value`).
    @Test func aKeysOnlyValueIsHeldInItsSlot() {
        var counted = HashChainTable<CountedChainSlot>()
        var plain = HashChainTable<ChainSlot8>(compacts: false)
        let keys = (0..<5_000).map { UInt32($0) &* 2_654_435_761 }
        let largest = HashChainTable<ChainSlot8>.maximumValue
        for (n, key) in keys.enumerated() {
            let value = n == 0 ? largest : Int32(n - 1)
            counted.insert(key, value)
            plain.insert(key, value)
        }
        #expect(counted.chainedValueCount == 0)
        #expect(plain.chainedValueCount == 0)
        // Checked in one expectation: thousands of them are slow to record.
        let wrong = keys.enumerated().filter { n, key in
            let value = n == 0 ? largest : Int32(n - 1)
            var walked: [Int32] = []
            counted.forEach(key, limit: 10) { walked.append($0) }
            plain.forEach(key, limit: 10) { walked.append($0) }
            counted.forEach(key, limit: 0) { walked.append($0) }
            return walked != [value, value] || counted.chain(key).count != 1 || plain.chain(key).count != 1
        }
        #expect(wrong.isEmpty)
        // A second and a third value for every other key: chained, newest first.
        for key in keys.enumerated().filter({ $0.offset % 2 == 0 }).map(\.element) {
            counted.insert(key, 7)
            counted.insert(key, 8)
        }
        #expect(counted.chainedValueCount == 3 * ((keys.count + 1) / 2))
        var walked: [Int32] = []
        counted.forEach(keys[0], limit: .max) { walked.append($0) }
        #expect(walked == [8, 7, largest])
        #expect(counted.chain(keys[0]).count == 3)
        walked = []
        counted.forEach(keys[1], limit: .max) { walked.append($0) }
        #expect(walked == [0])
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
