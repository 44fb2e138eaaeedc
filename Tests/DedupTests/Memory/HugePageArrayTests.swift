import Testing
@testable import Dedup

@Suite struct HugePageArrayTests {
    /// Appends far past the mapping threshold (heap buffer → mapping → mremap growth), one by
    /// one and in runs; the contents must match an `Array` fed the same values.
    @Test func growsAcrossTheMappingThresholdKeepingItsContents() {
        var rng = SplitMix64(seed: 11)
        var array = HugePageArray<UInt32>()
        var expected: [UInt32] = []
        let target = 3 * HugePageArray<UInt32>.mappingThreshold / 4 + 12_345  // ≈ 1.5 M values, 6 MB
        while expected.count < target {
            if rng.next() % 4 == 0 {
                let run = (0..<Int(rng.next() % 3000)).map { _ in UInt32(truncatingIfNeeded: rng.next()) }
                array.append(contentsOf: run)
                expected += run
            } else {
                let value = UInt32(truncatingIfNeeded: rng.next())
                array.append(value)
                expected.append(value)
            }
        }
        #expect(array.count == expected.count)
        #expect(array.capacity >= array.count)
        #expect(array.storageBytes >= HugePageArray<UInt32>.mappingThreshold)
        // Compared outside #expect: a failure would otherwise print 1.5 M values.
        let same = array.withUnsafeBufferPointer { Array($0) } == expected
        #expect(same)
        #expect(array[expected.count - 1] == expected.last)
    }

    /// A copy is independent of the original (copy on write), on the heap and as a mapping.
    @Test(arguments: [100, 1_000_000])
    func copiesOnWrite(count: Int) {
        var original = HugePageArray(repeating: UInt64(7), count: count)
        var copy = original
        copy[0] = 1
        copy.append(2)
        #expect(original[0] == 7 && original.count == count)
        #expect(copy[0] == 1 && copy.count == count + 1 && copy[count] == 2)
        original.withUnsafeMutableBufferPointer { $0[count - 1] = 9 }
        #expect(copy[count - 1] == 7)
        #expect(original[count - 1] == 9)
    }

    @Test func initializesInPlace() {
        let array = HugePageArray<Int32>(unsafeUninitializedCapacity: 1_000_000) { buffer, initialized in
            for i in 0..<600_000 { buffer[i] = Int32(i) }
            initialized = 600_000
        }
        #expect(array.count == 600_000)
        #expect(array[599_999] == 599_999)
        #expect(array.withUnsafeBufferPointer { $0.reduce(0) { $0 + Int($1) } } == 599_999 * 600_000 / 2)
    }
}
