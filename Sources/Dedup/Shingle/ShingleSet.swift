/// A paragraph's set of shingles for exact verification: the distinct 32-bit shingle hashes
/// (the high half of each 64-bit shingle hash), sorted ascending.
///
/// Memory: 4 bytes per distinct shingle plus a 32-byte array header — about 4 bytes per character
/// of match key (≈ 1.4 bytes per input byte of Chinese text). This is what the kept-paragraph
/// store holds per paragraph, so it is what grows with a corpus. Two distinct shingles share a
/// 32-bit hash with probability 2⁻³², which moves a verified Jaccard by far less than the
/// distance between any threshold and the nearest value a real pair takes.
public struct ShingleSet: Sendable, Equatable {
    public private(set) var hashes: [UInt32]

    /// - Parameter sortedUnique: ascending, no duplicates.
    init(sortedUnique: [UInt32]) {
        self.hashes = sortedUnique
    }

    /// The set of the given 64-bit shingle hashes.
    /// - Complexity: O(s log s).
    public init(shingleHashes: UnsafeBufferPointer<UInt64>) {
        let count = shingleHashes.count
        self.hashes = [UInt32](unsafeUninitializedCapacity: count) { values, initialized in
            for i in 0..<count { values[i] = UInt32(truncatingIfNeeded: shingleHashes[i] >> 32) }
            if count <= 48 {
                // Insertion sort: fewer moves than the library sort on the short sets most
                // paragraphs have.
                for i in 1..<max(count, 1) {
                    let value = values[i]
                    var j = i
                    while j > 0 && values[j - 1] > value { values[j] = values[j - 1]; j -= 1 }
                    values[j] = value
                }
            } else {
                values[0..<count].sort()
            }
            var write = 0
            for read in 0..<count where write == 0 || values[read] != values[write - 1] {
                values[write] = values[read]
                write += 1
            }
            initialized = write
        }
    }

    public var count: Int { hashes.count }

    /// |A ∩ B| by merging the two sorted arrays.
    /// - Complexity: O(|A| + |B|).
    public func intersectionCount(with other: ShingleSet) -> Int {
        hashes.withUnsafeBufferPointer { a in
            other.hashes.withUnsafeBufferPointer { b in
                var i = 0, j = 0, shared = 0
                while i < a.count && j < b.count {
                    let x = a[i], y = b[j]
                    if x == y { shared += 1; i += 1; j += 1 } else if x < y { i += 1 } else { j += 1 }
                }
                return shared
            }
        }
    }

    /// Exact Jaccard similarity |A ∩ B| / |A ∪ B|.
    public func jaccard(with other: ShingleSet) -> Double {
        let shared = intersectionCount(with: other)
        return Double(shared) / Double(count + other.count - shared)
    }

    /// Exact containment |A ∩ B| / |A| of this set in `other`.
    public func containment(in other: ShingleSet) -> Double {
        Double(intersectionCount(with: other)) / Double(count)
    }
}
