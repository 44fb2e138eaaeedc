import Testing
@testable import Dedup

@Suite struct DirectMappedCacheTests {
    @Test func remembersKeysUntilTheirSlotIsTaken() {
        var keys = DirectMappedCache<Void>(slotsLog2: 4)
        let a = Hash128(high: 1, low: 0x11)  // slot 1 of 16
        let b = Hash128(high: 2, low: 0x22)  // slot 2
        let c = Hash128(high: 3, low: 0x31)  // slot 1, like a
        #expect(!keys.contains(a))
        keys.insert(a)
        keys.insert(b)
        #expect(keys.contains(a) && keys.contains(b))
        #expect(!keys.contains(Hash128(high: 9, low: 0x11)))  // same slot, other key
        keys.insert(c)
        #expect(keys.contains(c) && !keys.contains(a) && keys.contains(b))
        #expect(!keys.contains(Hash128(high: 0, low: 0)))  // an empty slot is not key 0
        keys.insert(Hash128(high: 0, low: 0))
        #expect(keys.contains(Hash128(high: 0, low: 0)))
    }

    @Test func returnsTheSketchStoredForAKeyUntilItsSlotIsTaken() {
        var sketcher = ParagraphFingerprinter(configuration: .default)
        let first = Array("第一段文字，用来测试缓存。".utf8).withUnsafeBufferPointer { sketcher.sketch(of: $0) }
        let second = Array("第二段文字，内容完全不同的一段。".utf8).withUnsafeBufferPointer { sketcher.sketch(of: $0) }
        var cache = DirectMappedCache<SimilaritySketch>(slotsLog2: 2)
        let a = Hash128(high: 1, low: 5)  // slot 1 of 4
        let b = Hash128(high: 2, low: 9)  // slot 1 too
        #expect(cache.value(for: a) == nil)
        cache.insert(first, for: a)
        #expect(cache.value(for: a) == first)
        #expect(cache.value(for: Hash128(high: 3, low: 5)) == nil)
        cache.insert(second, for: b)
        #expect(cache.value(for: a) == nil)
        #expect(cache.value(for: b) == second)
    }

    /// The table starts small and grows fourfold as keys arrive, keeping what it holds, up to
    /// its maximum: a key held before growing is still found after (its new slot is its own,
    /// as every key of the old table maps to a distinct new slot).
    @Test func growsKeepingItsKeysUpToTheMaximum() {
        var keys = DirectMappedCache<Void>(slotsLog2: 16)
        #expect(keys.slotCount == 0)
        let first = Hash128(high: 7, low: 0x1234_5678)
        keys.insert(first)
        #expect(keys.slotCount == 1 << DirectMappedCache<Void>.initialSlotsLog2)
        var random = SplitMix64(seed: 5)
        var recent: [Hash128] = []
        for n in 0..<200_000 {
            let key = Hash128(high: random.next(), low: random.next())
            keys.insert(key)
            if n >= 200_000 - 16 { recent.append(key) }
            if n == 1_000 { #expect(keys.slotCount == 1 << 12) }
            if n == 1_100 { #expect(keys.slotCount == 1 << 14) }
        }
        #expect(keys.slotCount == 1 << 16)
        // The last keys inserted are held (16 random keys in 65,536 slots: no shared slot here).
        #expect(recent.allSatisfy { keys.contains($0) })
        // Growing moved every held key: a key inserted just before the first growth is found after it.
        var small = DirectMappedCache<Void>(slotsLog2: 14)
        var held: [Hash128] = []
        for n in 0..<(1 << 10) {  // keys in distinct slots: n·φ is a bijection mod 2^k
            let key = Hash128(high: UInt64(n), low: UInt64(n) &* 0x9E37_79B9_7F4A_7C15)
            small.insert(key)
            held.append(key)
        }
        #expect(small.slotCount == 1 << 12)
        small.insert(Hash128(high: 99, low: 99))  // the 1,025th key: grows first
        #expect(small.slotCount == 1 << 14)
        let kept = held.filter { small.contains($0) }.count
        // All but at most the one whose slot the last key took.
        #expect(kept >= held.count - 1, "\(kept) of \(held.count) kept through the growth")
    }
}
