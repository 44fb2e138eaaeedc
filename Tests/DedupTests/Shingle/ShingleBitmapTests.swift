import Testing
@testable import Dedup

@Suite struct ShingleBitmapTests {
    /// Distinct random values, ascending.
    func randomSet(_ count: Int, _ random: inout SplitMix64) -> [UInt32] {
        var values = Set<UInt32>()
        while values.count < count { values.insert(UInt32(truncatingIfNeeded: random.next())) }
        return values.sorted()
    }

    @Test func sizeIsAPowerOfTwoOfTwoToFourBitsPerShingleFromTheMinimumOn() {
        #expect(ShingleBitmap.wordCount(forSetSize: 0) == 0)
        #expect(ShingleBitmap.wordCount(forSetSize: ShingleBitmap.minimumSetSize - 1) == 0)
        for size in ShingleBitmap.minimumSetSize...5000 {
            let bits = ShingleBitmap.bitCount(forSetSize: size)
            #expect(bits.nonzeroBitCount == 1 && bits > 2 * size && bits <= 4 * size, "size \(size)")
        }
    }

    /// Every shingle of the set has its bit set, so a set never rejects itself or a subset.
    @Test func buildSetsTheBitOfEveryShingle() {
        var random = SplitMix64(seed: 0x6269_746D)
        for size in [128, 129, 300, 1000, 4097] {
            let set = randomSet(size, &random)
            let words = ShingleBitmap.wordCount(forSetSize: size)
            var bitmap = [UInt32](repeating: 0xFFFF_FFFF, count: words)
            set.withUnsafeBufferPointer { s in bitmap.withUnsafeMutableBufferPointer { ShingleBitmap.build(s, into: $0) } }
            let shift = 32 - (words * 32).trailingZeroBitCount
            for h in set {
                let bit = Int(h >> UInt32(shift))
                #expect(bitmap[bit >> 5] >> UInt32(bit & 31) & 1 == 1)
            }
            // Built from zero: about 1 − e^(−size/bits) of the bits are set, never all of them.
            #expect(bitmap.reduce(0) { $0 + $1.nonzeroBitCount } <= size)
            let rejected = set.withUnsafeBufferPointer { s in
                bitmap.withUnsafeBufferPointer { b in
                    ShingleBitmap.rejects(s, in: b, limits: ShingleSet.ContainmentLimits(count: size, threshold: 1.0))
                }
            }
            #expect(!rejected)
        }
    }

    /// The bitmap rejects only pairs verification rejects (never a container), and it rejects
    /// most candidates far from the threshold — the point of having it.
    @Test func rejectsOnlyWhatVerificationRejects() {
        var random = SplitMix64(seed: 0x636F_6E74)
        var rejectedFar = 0, far = 0
        for round in 0..<600 {
            let containerSize = 128 + Int(random.next() % 3000)
            let container = randomSet(containerSize, &random)
            let querySize = 8 + Int(random.next() % UInt64(min(containerSize, 600)))
            // A share of the query drawn from the container, the rest from anywhere.
            let share = Double(round % 11) / 10
            var query = Set<UInt32>()
            while query.count < querySize {
                if Double(random.next() % 1000) / 1000 < share {
                    query.insert(container[Int(random.next() % UInt64(containerSize))])
                } else {
                    query.insert(UInt32(truncatingIfNeeded: random.next()))
                }
            }
            let sortedQuery = query.sorted()
            let words = ShingleBitmap.wordCount(forSetSize: containerSize)
            var bitmap = [UInt32](repeating: 0, count: words)
            container.withUnsafeBufferPointer { s in bitmap.withUnsafeMutableBufferPointer { ShingleBitmap.build(s, into: $0) } }
            for threshold in [0.5, 0.8, 0.95] {
                let limits = ShingleSet.ContainmentLimits(count: querySize, threshold: threshold)
                let rejected = sortedQuery.withUnsafeBufferPointer { q in
                    bitmap.withUnsafeBufferPointer { ShingleBitmap.rejects(q, in: $0, limits: limits) }
                }
                let verified = sortedQuery.withUnsafeBufferPointer { q in
                    container.withUnsafeBufferPointer { ShingleSet.containment(q, in: $0, atLeast: threshold) }
                }
                if rejected { #expect(verified == nil, "round \(round), threshold \(threshold)") }
                if threshold == 0.8 && share <= 0.3 {
                    far += 1
                    if rejected { rejectedFar += 1 }
                }
            }
        }
        #expect(far > 100 && rejectedFar * 10 >= far * 9, "rejected \(rejectedFar) of \(far) far candidates")
    }

    /// The arena keeps a large set's bitmap right before it, and none for a small one.
    @Test func arenaStoresTheBitmapBeforeALargeSet() {
        var random = SplitMix64(seed: 0x6172_656E)
        var arena = ShingleArena()
        let small = randomSet(ShingleBitmap.minimumSetSize - 1, &random)
        let large = randomSet(700, &random)
        let smallStart = small.withUnsafeBufferPointer { arena.append($0) }
        let largeStart = large.withUnsafeBufferPointer { arena.append($0) }
        var expected = [UInt32](repeating: 0, count: ShingleBitmap.wordCount(forSetSize: large.count))
        large.withUnsafeBufferPointer { s in expected.withUnsafeMutableBufferPointer { ShingleBitmap.build(s, into: $0) } }
        arena.withValues { all in
            #expect(Array(all[smallStart..<(smallStart + small.count)]) == small)
            #expect(Array(all[largeStart..<(largeStart + large.count)]) == large)
            #expect(ShingleArena.bitmap(ofSetAt: smallStart, size: small.count, in: all) == nil)
            #expect(ShingleArena.bitmap(ofSetAt: largeStart, size: large.count, in: all).map(Array.init) == expected)
        }
    }
}
