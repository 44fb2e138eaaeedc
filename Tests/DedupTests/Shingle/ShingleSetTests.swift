import Testing
@testable import Dedup

@Suite struct ShingleSetTests {
    func set(_ values: [UInt64]) -> ShingleSet {
        values.map { $0 << 32 }.withUnsafeBufferPointer { ShingleSet(shingleHashes: $0) }
    }

    @Test func keepsDistinctSortedHighHalves() {
        #expect(set([5, 3, 5, 1, 3]).hashes == [1, 3, 5])
        let long = (0..<200).map { UInt64((($0 * 7919) % 100) + 1) }
        #expect(set(long).hashes == Array(1...100).map(UInt32.init))
    }

    /// Every sorting path (insertion below 16, bucket sort, its fallback for crowded buckets and
    /// its skip of crowded buckets of equal values, radix sort above 65 536) gives the distinct
    /// values in ascending order.
    @Test func sortsEverySizeAndDistribution() {
        var random = SplitMix64(seed: 21)
        var sizes = Array(0..<40) + [63, 64, 65, 100, 255, 256, 1000, 4097, 65_536, 70_000]
        sizes += (0..<30).map { _ in Int(random.next() % 3000) }
        for size in sizes {
            let uniform = (0..<size).map { _ in random.next() }
            let small = (0..<size).map { _ in random.next() % 5000 << 32 }  // one crowded bucket
            let alternating = (0..<size).map { UInt64($0 % 2 == 0 ? 0x8000_0001 : 0x8000_0000) << 32 }
            // A repeated line: a few values, each many times (crowded buckets of equal values),
            // and the same with one stranger in a crowded bucket (equal but for one value).
            let repeated = (0..<size).map { uniform.isEmpty ? 0 : uniform[$0 % min(7, uniform.count)] }
            let stranger = repeated.enumerated().map { $0.offset == size / 2 ? $0.element ^ (1 << 32) : $0.element }
            for hashes in [uniform, small, alternating, repeated, stranger] {
                let want = Array(Set(hashes.map { UInt32(truncatingIfNeeded: $0 >> 32) })).sorted()
                let got = hashes.withUnsafeBufferPointer { ShingleSet(shingleHashes: $0) }.hashes
                #expect(got == want, "size \(size)")
            }
        }
    }

    /// The sketch's sort gives up on insertion after its move budget (crowded buckets) and radix
    /// sorts instead: the same ascending high halves either way.
    @Test func highHalvesSortFallsBackWhenBucketsAreCrowded() {
        var reversed: [UInt32] = (0..<100).map { UInt32(100 - $0) }
        let finished = reversed.withUnsafeMutableBufferPointer { ShingleSet.insertionSort($0, count: 100, moveBudget: 800) }
        #expect(!finished)
        #expect(reversed.sorted() == (1...100).map(UInt32.init))  // still a permutation
        var random = SplitMix64(seed: 0x6869_6768)
        for crowd in [false, true] {
            for count in [16, 17, 100, 1000, 65_536] {
                // Crowded: every value in the lowest bucket, distinct and descending.
                let hashes: [UInt64] = (0..<count).map { crowd ? UInt64(count - $0) << 32 | 7 : random.next() }
                var sorted = [UInt32](repeating: 0, count: count)
                var scratch = [UInt32](repeating: 0, count: count)
                hashes.withUnsafeBufferPointer { h in
                    sorted.withUnsafeMutableBufferPointer { s in
                        scratch.withUnsafeMutableBufferPointer { ShingleSet.bucketSortHighHalves(h, into: s, scratch: $0) }
                    }
                }
                #expect(sorted == hashes.map { UInt32(truncatingIfNeeded: $0 >> 32) }.sorted(), "count \(count), crowded \(crowd)")
            }
        }
    }

    /// The bucket sort leaves a crowded bucket alone only when all its values are equal.
    @Test func allEqualTellsACrowdOfOneValue() {
        func allEqual(_ values: [UInt32]) -> Bool {
            var copy = values
            return copy.withUnsafeMutableBufferPointer { ShingleSet.allEqual($0) }
        }
        #expect(allEqual([7]))
        #expect(allEqual([UInt32](repeating: 0x8000_0000, count: 100)))
        #expect(!allEqual([UInt32](repeating: 0x8000_0000, count: 99) + [0x8000_0001]))
        #expect(!allEqual([0x8000_0001] + [UInt32](repeating: 0x8000_0000, count: 99)))
        #expect(!allEqual([1, 2]))
    }

    @Test func exactJaccardAndContainment() {
        let a = set([1, 2, 3, 4])
        let b = set([3, 4, 5, 6, 7, 8])
        #expect(a.intersectionCount(with: b) == 2)
        #expect(a.jaccard(with: b) == 2.0 / 8.0)
        #expect(a.containment(in: b) == 0.5)
        #expect(b.containment(in: a) == 2.0 / 6.0)
        #expect(a.jaccard(with: a) == 1)
    }
}

@Suite struct ShingleSetContainmentTests {
    /// The reference: walk A in order, count members of B, stop past the allowed misses, and apply
    /// the 32-element sample test at the 32nd element — the specification `containment(in:atLeast:)`
    /// must match exactly, whichever way (merge or gallop) it answers membership.
    func reference(_ a: [UInt32], _ b: [UInt32], _ threshold: Double) -> Double? {
        let members = Set(b)
        let needed = Int((threshold * Double(a.count)).rounded(.up))
        let sampleNeeded = Int(((threshold - 0.25) * 32).rounded(.up))
        var shared = 0, misses = 0
        for x in a {
            if members.contains(x) { shared += 1 } else { misses += 1 }
            if misses > a.count - needed { return nil }
            if shared + misses == 32 && a.count > 48 && shared < sampleNeeded { return nil }
        }
        let c = Double(shared) / Double(a.count)
        return c >= threshold ? c : nil
    }

    @Test func matchesTheReferenceOnSeededSets() {
        var rng = SplitMix64(seed: 7)
        for round in 0..<3_000 {
            let universe = 50 + Int(rng.next() % 3_000)
            let sizeB = 1 + Int(rng.next() % UInt64(universe))
            let b = Array(Set((0..<sizeB).map { _ in UInt32(rng.next() % UInt64(universe)) })).sorted()
            // A: mostly from B (sometimes all), the rest fresh values; sizes 1…600.
            let sizeA = 1 + Int(rng.next() % 600)
            let inside = Double(rng.next() % 101) / 100
            var a = Set<UInt32>()
            for _ in 0..<sizeA {
                if !b.isEmpty && Double(rng.next() % 1000) / 1000 < inside {
                    a.insert(b[Int(rng.next() % UInt64(b.count))])
                } else {
                    a.insert(UInt32(universe) + UInt32(rng.next() % 100_000))
                }
            }
            let sa = a.sorted()
            let threshold = round % 3 == 0 ? 0.8 : round % 3 == 1 ? 0.5 : 0.95
            let got = sa.withUnsafeBufferPointer { pa in
                b.withUnsafeBufferPointer { pb in ShingleSet.containment(pa, in: pb, atLeast: threshold) }
            }
            #expect(got == reference(sa, b, threshold), "round \(round)")
        }
    }


    /// The linear merge compares four elements of each side per step (`dedup_sorted_misses`,
    /// `dedup_sorted_intersection`). Sets drawn from small universes spread over the whole 32-bit
    /// range (k·φ mod 2³², so half the values are ≥ 2³¹ and blocks often end on equal values), of
    /// every size around the block and sample boundaries, must give the reference's answers.
    @Test func fourAtATimeMergeMatchesTheReferenceAcrossTheHashRange() {
        var rng = SplitMix64(seed: 19)
        func draw(_ count: Int, universe: Int) -> [UInt32] {
            Array(Set((0..<count).map { _ in UInt32(truncatingIfNeeded: rng.next() % UInt64(universe)) &* 0x9E37_79B9 })).sorted()
        }
        for round in 0..<3_000 {
            let universe = 4 + Int(rng.next() % 400)
            let b = draw(Int(rng.next() % UInt64(universe + 1)), universe: universe)
            let a = draw(Int(rng.next() % UInt64(min(universe, 120) + 1)), universe: universe)
            let threshold = [0.5, 0.8, 0.95][round % 3]
            a.withUnsafeBufferPointer { pa in
                b.withUnsafeBufferPointer { pb in
                    if !a.isEmpty {
                        #expect(ShingleSet.containment(pa, in: pb, atLeast: threshold) == reference(a, b, threshold), "round \(round)")
                    }
                    let shared = Set(a).intersection(b).count
                    for needed in [0, shared - 1, shared, shared + 1] where needed >= 0 {
                        let got = ShingleSet.intersectionCount(pa, pb, atLeast: needed)
                        #expect(got == (shared >= needed ? shared : nil), "round \(round), needed \(needed)")
                    }
                }
            }
        }
    }

    /// The sample test at the 32nd element, in the four-at-a-time merge: 25 misses among the first
    /// 32 fail it at 0.5 (24 allowed there) though 25 of 100 in all would pass; 24 pass. The 25th
    /// miss is the 29th element, so only the check at the 32nd can catch it. Members are even,
    /// misses odd, all ≥ 2³¹.
    @Test func sampleTestHoldsAtTheThirtySecondElement() {
        let container = (0..<400).map { UInt32(1 << 31) + UInt32($0) * 2 }
        for (misses, expected) in [(Set(0..<24).union([28]), nil), (Set(0..<24), 0.76)] as [(Set<Int>, Double?)] {
            let a = (0..<100).map { UInt32(1 << 31) + UInt32($0) * 2 + (misses.contains($0) ? 1 : 0) }
            a.withUnsafeBufferPointer { pa in
                container.withUnsafeBufferPointer { pb in
                    #expect(ShingleSet.containment(pa, in: pb, atLeast: 0.5) == expected)
                    #expect(reference(a, container, 0.5) == expected)
                }
            }
        }
    }
}
