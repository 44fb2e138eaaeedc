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
