import Testing
@testable import Dedup

@Suite struct SharedKeyTagsTests {
    /// A key counts only for documents at or after the position that recorded it, until another
    /// key takes its slot.
    @Test func remembersKeysForLaterPositionsUntilTheirSlotIsTaken() {
        let keys = SharedKeyTags(slotsLog2: 4)
        #expect(keys.slotCount == 16)
        let a = Hash128(high: 0xA << 32, low: 0x11)  // slot 1 of 16
        let b = Hash128(high: 0xB << 32, low: 0x22)  // slot 2
        let c = Hash128(high: 0xC << 32, low: 0x31)  // slot 1, like a
        #expect(!keys.contains(a, before: 100))
        keys.insert(a, at: 5)
        keys.insert(b, at: 0)
        #expect(keys.contains(a, before: 5) && keys.contains(a, before: 6) && !keys.contains(a, before: 4))
        #expect(keys.contains(b, before: 0))
        // Same slot, other tag: not held.
        #expect(!keys.contains(Hash128(high: 0xD << 32, low: 0x11), before: 9))
        keys.insert(c, at: 7)
        #expect(keys.contains(c, before: 7) && !keys.contains(a, before: 9) && keys.contains(b, before: 9))
    }

    /// A later position does not replace an earlier one for the same key (the earlier serves more
    /// documents); an earlier one replaces a later one.
    @Test func keepsTheEarliestPositionOfAKey() {
        let keys = SharedKeyTags(slotsLog2: 6)
        let key = Hash128(high: 0x1234_5678_9ABC_DEF0, low: 42)
        keys.insert(key, at: 10)
        keys.insert(key, at: 20)
        #expect(keys.contains(key, before: 10))
        keys.insert(key, at: 3)
        #expect(keys.contains(key, before: 3) && !keys.contains(key, before: 2))
    }

    /// An empty slot is all zeros: a key whose tag bits are zero is still not found there.
    @Test func anEmptySlotHoldsNoKey() {
        let keys = SharedKeyTags(slotsLog2: 4)
        let zeroTag = Hash128(high: 0, low: 3)
        #expect(!keys.contains(zeroTag, before: 0) && !keys.contains(zeroTag, before: .max))
        keys.insert(zeroTag, at: 0)
        #expect(keys.contains(zeroTag, before: 0))
        // The last positions share one stamp.
        let late = Hash128(high: 7 << 32, low: 4)
        keys.insert(late, at: .max)
        #expect(keys.contains(late, before: .max) && keys.contains(late, before: .max - 1))
        #expect(!keys.contains(late, before: .max - 2))
    }

    @Test func isSizedByTheInput() {
        #expect(SharedKeyTags.slotsLog2(forInputBytes: 0) == 12)
        #expect(SharedKeyTags.slotsLog2(forInputBytes: 100_000) == 13)  // 6,250 slots wanted
        #expect(SharedKeyTags.slotsLog2(forInputBytes: 1 << 20) == 16)
        #expect(SharedKeyTags.slotsLog2(forInputBytes: 10_000_000_000) == SharedKeyTags.largestSlotsLog2)
        #expect(SharedKeyTags(slotsLog2: 40).slotCount == 1 << SharedKeyTags.largestSlotsLog2)
    }

    /// Many threads inserting and reading at once: every key a thread recorded for itself is
    /// found by it afterwards unless another key took the slot, and no read sees a key that was
    /// never inserted (no torn words).
    @Test func threadsShareOneTable() async {
        let keys = SharedKeyTags(slotsLog2: 16)
        let found = await withTaskGroup(of: Int.self) { group in
            for thread in 0..<4 {
                group.addTask {
                    var random = SplitMix64(seed: UInt64(thread) + 1)
                    var hits = 0
                    for _ in 0..<5_000 {
                        let key = Hash128(high: random.next() | 1 << 63, low: random.next())
                        keys.insert(key, at: UInt32(thread))
                        if keys.contains(key, before: UInt32(thread)) { hits += 1 }
                        // Never inserted by anyone (top bit clear): never found.
                        if keys.contains(Hash128(high: random.next() >> 1, low: random.next()), before: .max) { return -1 }
                    }
                    return hits
                }
            }
            return await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(found.allSatisfy { $0 > 4_900 }, "\(found)")
    }
}
