import Testing
@testable import Dedup

@Suite struct ShingleMaskTests {
    /// A seeded stream of 32-bit values (SplitMix64's high halves).
    struct Stream {
        var state: UInt64
        mutating func next() -> UInt32 {
            state &+= 0x9E37_79B9_7F4A_7C15
            return UInt32(truncatingIfNeeded: MurmurHash3.fmix64(state) >> 32)
        }
    }

    func set(_ values: [UInt32]) -> ShingleSet {
        values.map { UInt64($0) << 32 }.withUnsafeBufferPointer { ShingleSet(shingleHashes: $0) }
    }

    func misses(_ a: ShingleSet, in b: ShingleSet) -> Int {
        let members = Set(b.hashes)
        return a.hashes.filter { !members.contains($0) }.count
    }

    @Test func boundNeverExceedsTheShinglesReallyMissing() {
        var stream = Stream(state: 42)
        for round in 0..<400 {
            let shared = (0..<(round % 50)).map { _ in stream.next() }
            let a = set(shared + (0..<(round % 37)).map { _ in stream.next() })
            let b = set(shared + (0..<(round % 300)).map { _ in stream.next() })
            let bound = ShingleMask(a).missingLowerBound(in: ShingleMask(b))
            #expect(bound <= misses(a, in: b), "round \(round)")
        }
    }

    @Test func subsetHasNoMissingBitsAndDisjointSmallSetsMostly() {
        var stream = Stream(state: 7)
        let big = (0..<200).map { _ in stream.next() }
        #expect(ShingleMask(set(Array(big.prefix(50)))).missingLowerBound(in: ShingleMask(set(big))) == 0)
        let a = set((0..<40).map { _ in stream.next() })
        let b = set((0..<40).map { _ in stream.next() })
        // 40 random bits of 256 each: most of a's bits are clear in b's mask.
        #expect(ShingleMask(a).missingLowerBound(in: ShingleMask(b)) > 20)
    }

    @Test func bitsFollowTheTopEightBitsInEveryWord() {
        // One value per word (top 2 bits 00, 01, 10, 11); a set holding all four covers each.
        let all = set([0x0100_0000, 0x4200_0000, 0x8300_0000, 0xC400_0000])
        for value: UInt32 in [0x0100_0000, 0x4200_0000, 0x8300_0000, 0xC400_0000] {
            #expect(ShingleMask(set([value])).missingLowerBound(in: ShingleMask(all)) == 0)
            #expect(ShingleMask(set([value])).missingLowerBound(in: ShingleMask(set([value ^ 0x0100_0000]))) == 1)
        }
    }
}
