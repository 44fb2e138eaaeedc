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
}
