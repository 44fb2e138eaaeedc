import Testing
@testable import Dedup

@Suite struct DirectMappedCacheTests {
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
