import Testing
@testable import Dedup

@Suite struct WinnowingSamplerTests {
    @Test func aSharedRunOfAWindowAlwaysSharesAnAnchor() {
        var rng = SplitMix64(seed: 99)
        let sampler = WinnowingSampler(window: 8)
        for _ in 0..<200 {
            let run = (0..<(8 + Int(rng.next() % 20))).map { _ in rng.next() }
            let left = (0..<Int(rng.next() % 30)).map { _ in rng.next() }
            let right = (0..<Int(rng.next() % 30)).map { _ in rng.next() }
            let container = (left + run + right).withUnsafeBufferPointer { sampler.anchors(of: $0) }
            let fragment = run.withUnsafeBufferPointer { sampler.anchors(of: $0) }
            #expect(!Set(fragment).isDisjoint(with: container))
        }
    }

    @Test func fewerShinglesThanAWindowGiveOneAnchor() {
        let sampler = WinnowingSampler(window: 8)
        let anchors = [UInt64(5) << 32, UInt64(3) << 32, UInt64(9) << 32].withUnsafeBufferPointer { sampler.anchors(of: $0) }
        #expect(anchors == [3])
    }

    /// The definition, window by window: the rightmost smallest hash of every window is an anchor
    /// (a position picked by consecutive windows counts once); distinct values, ascending.
    func reference(_ hashes: [UInt64], window: Int) -> [UInt32] {
        let values = hashes.map { UInt32(truncatingIfNeeded: $0 >> 32) }
        let w = min(window, values.count)
        var picked = Set<Int>()
        for start in 0...(values.count - w) {
            let slice = values[start..<(start + w)]
            let smallest = slice.min()!  // a window is never empty
            picked.insert(slice.lastIndex(of: smallest)!)
        }
        return Array(Set(picked.map { values[$0] })).sorted()
    }

    @Test func matchesTheDefinitionWithManyTies() {
        var rng = SplitMix64(seed: 5)
        for window in [1, 2, 3, 5, 8, 13] {
            let sampler = WinnowingSampler(window: window)
            for round in 0..<300 {
                // Few distinct values, so windows often hold equal minima; sometimes descending or
                // ascending runs, sometimes all distinct; sizes around the block boundaries.
                let size = 1 + Int(rng.next() % 60)
                var hashes = (0..<size).map { _ in (rng.next() % 6) << 32 }
                if round % 5 == 0 { hashes.sort(by: >) }
                if round % 5 == 1 { hashes.sort() }
                if round % 5 == 2 { hashes = (0..<size).map { _ in rng.next() } }
                let got = hashes.withUnsafeBufferPointer { sampler.anchors(of: $0) }
                #expect(got == reference(hashes, window: window), "window \(window), round \(round)")
            }
        }
    }
}
