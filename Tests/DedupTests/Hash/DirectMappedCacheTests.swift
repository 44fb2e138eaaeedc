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

    /// The table starts small and grows fourfold as sketches arrive, keeping what it holds.
    @Test func growsKeepingWhatItHolds() {
        var sketcher = ParagraphFingerprinter(configuration: .default)
        let sketch = Array("一段用来测试缓存增长的文字。".utf8).withUnsafeBufferPointer { sketcher.sketch(of: $0) }
        var cache = DirectMappedCache<SimilaritySketch>(slotsLog2: 14)
        #expect(cache.slotCount == 0)
        var held: [Hash128] = []
        for n in 0..<(1 << 10) {  // distinct slots: n·φ is a bijection mod 2^k
            let key = Hash128(high: UInt64(n), low: UInt64(n) &* 0x9E37_79B9_7F4A_7C15)
            cache.insert(sketch, for: key)
            held.append(key)
        }
        #expect(cache.slotCount == 1 << 12)
        cache.insert(sketch, for: Hash128(high: 99, low: 99))  // the 1,025th key: grows first
        #expect(cache.slotCount == 1 << 14)
        let kept = held.filter { cache.value(for: $0) == sketch }.count
        #expect(kept >= held.count - 1, "\(kept) of \(held.count) kept through the growth")
    }
}
