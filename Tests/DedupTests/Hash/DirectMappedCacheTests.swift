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
}
