import Testing
@testable import Dedup

@Suite struct RecentKeyTagsTests {
    @Test func remembersKeysUntilTheirSlotIsTaken() {
        var keys = RecentKeyTags(slotsLog2: 4)
        let a = Hash128(high: 1, low: 0x11)  // slot 1 of 16
        let b = Hash128(high: 2, low: 0x22)  // slot 2
        let c = Hash128(high: 3, low: 0x31)  // slot 1, like a
        #expect(!keys.contains(a))
        keys.insert(a)
        keys.insert(b)
        #expect(keys.contains(a) && keys.contains(b))
        #expect(!keys.contains(Hash128(high: 1, low: 0x21)))  // same slot as a, other low half
        keys.insert(c)
        #expect(keys.contains(c) && !keys.contains(a) && keys.contains(b))
        // An empty slot is not key 0; a key with a zero low half is never held (never deferred).
        #expect(!keys.contains(Hash128(high: 0, low: 0)))
        keys.insert(Hash128(high: 5, low: 0))
        #expect(!keys.contains(Hash128(high: 5, low: 0)))
    }

    /// The table starts small and grows fourfold as keys arrive, keeping what it holds, up to its
    /// maximum: a key held before growing is still found after.
    @Test func growsKeepingItsKeysUpToTheMaximum() {
        var keys = RecentKeyTags(slotsLog2: 16)
        #expect(keys.slotCount == 0)
        keys.insert(Hash128(high: 7, low: 0x1234_5678))
        #expect(keys.slotCount == 1 << RecentKeyTags.initialSlotsLog2)
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
        #expect(recent.allSatisfy { keys.contains($0) })
        var small = RecentKeyTags(slotsLog2: 14)
        var held: [Hash128] = []
        for n in 1...(1 << 10) {  // distinct slots: n·φ is a bijection mod 2^k
            let key = Hash128(high: 0, low: UInt64(n) &* 0x9E37_79B9_7F4A_7C15)
            small.insert(key)
            held.append(key)
        }
        #expect(small.slotCount == 1 << 12)
        small.insert(Hash128(high: 99, low: 99))  // the 1,025th key: grows first
        #expect(small.slotCount == 1 << 14)
        let kept = held.filter { small.contains($0) }.count
        #expect(kept >= held.count - 1, "\(kept) of \(held.count) kept through the growth")
    }
}
