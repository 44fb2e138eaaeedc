import Testing
@testable import Dedup

/// A fragment query walks its anchors' chains rarest first: a short list sorted, a long one
/// taken from a heap. Either way the walk order is the sorted order of the distinct keys.
@Suite struct RarestAnchorOrderTests {
    @Test(arguments: [1, 2, 3, 64, 65, 200, 7_258])
    func heapGivesTheSortedOrder(count: Int) {
        var rng = SplitMix64(seed: UInt64(count))
        var keys = Set<UInt64>()
        // Holder counts in the high half, few distinct ones (many ties broken by the anchor).
        while keys.count < count { keys.insert((rng.next() % 5) << 32 | (rng.next() & 0xFFFF_FFFF)) }
        var rarest = keys.map { (order: $0, holders: $0) }
        KeptParagraphIndex.makeHeap(&rarest)
        var remaining = rarest.count
        var walked: [UInt64] = []
        while remaining > 0 { walked.append(KeptParagraphIndex.popFirst(&rarest, count: &remaining)) }
        #expect(walked == keys.sorted())
    }
}
