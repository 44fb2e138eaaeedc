import Testing
@testable import Dedup

@Suite struct RecentKeyFilterTests {
    @Test func remembersKeysUntilTheirSlotIsTaken() {
        var filter = RecentKeyFilter(slotsLog2: 4)
        let a = Hash128(high: 1, low: 0x11)  // slot 1 of 16
        let b = Hash128(high: 2, low: 0x22)  // slot 2
        let c = Hash128(high: 3, low: 0x31)  // slot 1, like a
        #expect(!filter.contains(a))
        filter.insert(a)
        filter.insert(b)
        #expect(filter.contains(a) && filter.contains(b))
        #expect(!filter.contains(Hash128(high: 9, low: 0x11)))  // same slot, other key
        filter.insert(c)
        #expect(filter.contains(c) && !filter.contains(a) && filter.contains(b))
        filter.insert(Hash128(high: 0, low: 0))
        #expect(!filter.contains(Hash128(high: 0, low: 0)))
    }
}
