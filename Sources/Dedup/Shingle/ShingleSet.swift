import CICU

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
    /// - Complexity: O(s) expected (bucket sort by the top bits, the hashes being uniform;
    ///   insertion sort below 16 elements; radix sort above 65 536).
    public init(shingleHashes: UnsafeBufferPointer<UInt64>) {
        let count = shingleHashes.count
        self.hashes = withUnsafeTemporaryAllocation(of: UInt32.self, capacity: max(count, 1)) { spare in
            [UInt32](unsafeUninitializedCapacity: count) { values, initialized in
                initialized = Self.sortedUnique(shingleHashes, into: values, spare: spare)
            }
        }
    }

    /// Writes the set of `shingleHashes` (their distinct high halves, ascending) to the start of
    /// `values` and returns its size; `values` and `spare` hold at least `shingleHashes.count`.
    /// - Complexity: as `init(shingleHashes:)`.
    static func sortedUnique(
        _ shingleHashes: UnsafeBufferPointer<UInt64>, into values: UnsafeMutableBufferPointer<UInt32>,
        spare: UnsafeMutableBufferPointer<UInt32>
    ) -> Int {
        let count = shingleHashes.count
        if count >= 16 && count <= 1 << 16 {
            // Bucketed straight from the 64-bit hashes into `spare`, ordered there, and copied back
            // without duplicates: three passes over the values fewer than the general path below.
            bucketSortHighHalves(shingleHashes, into: spare, scratch: values)
            return copyDistinct(UnsafeBufferPointer(rebasing: spare[..<count]), to: values)
        }
        for i in 0..<count { values[i] = UInt32(truncatingIfNeeded: shingleHashes[i] >> 32) }
        sortHashes(values, count: count, spare: spare)
        return copyDistinct(UnsafeBufferPointer(rebasing: values[..<count]), to: values)
    }

    /// Writes the distinct values of ascending `sorted` to the start of `target` and returns how
    /// many there are. `sorted` may be the start of `target` itself (each value is written at or
    /// before where it was read).
    private static func copyDistinct(_ sorted: UnsafeBufferPointer<UInt32>, to target: UnsafeMutableBufferPointer<UInt32>) -> Int {
        var write = 0
        for read in sorted.indices where write == 0 || sorted[read] != target[write - 1] {
            target[write] = sorted[read]
            write += 1
        }
        return write
    }

    /// Sorts the first `count` of `values`, uniformly distributed 32-bit hashes (with any
    /// repeats): insertion sort below 16, bucket sort up to 2¹⁶, radix sort above; `spare` holds
    /// at least `count` values.
    /// - Complexity: O(count) expected.
    static func sortHashes(_ values: UnsafeMutableBufferPointer<UInt32>, count: Int, spare: UnsafeMutableBufferPointer<UInt32>) {
        if count < 16 {
            insertionSort(values, count: count)
        } else if count <= 1 << 16 {
            bucketSort(values, count: count, spare: spare)
        } else {
            radixSort(values, count: count, spare: spare)
        }
    }

    /// Writes the high halves of `hashes` (16 to 2¹⁶ of them), ascending, to `sorted`, using
    /// `scratch` (as long) when it has to fall back: `bucketSort`'s distribution by the top bits,
    /// read from the 64-bit hashes, then an insertion sort that gives up after 8 moves per value
    /// on average — only values crowded into a few buckets cost that many (crafted input, or
    /// alternating repeats of a few shingles) — for a radix sort of the whole array.
    ///
    /// Why not `bucketSort`: the sketch sorted every new paragraph's shingles through a conversion
    /// pass, the crowded-bucket bookkeeping in its prefix sums, and a copy back; those passes were
    /// a quarter of the sorting instructions on news-like.
    /// - Complexity: O(count) expected and worst case (the radix sort bounds it).
    static func bucketSortHighHalves(
        _ hashes: UnsafeBufferPointer<UInt64>, into sorted: UnsafeMutableBufferPointer<UInt32>,
        scratch: UnsafeMutableBufferPointer<UInt32>
    ) {
        let count = hashes.count
        let bits = Int.bitWidth - count.leadingZeroBitCount  // ⌊log₂ count⌋ + 1: ≤ 2 · count buckets
        let shift = UInt64(64 - bits)
        let buckets = 1 << bits
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: buckets + 1) { starts in
            starts.initialize(repeating: 0)
            for h in hashes { starts[Int(truncatingIfNeeded: h &>> shift) &+ 1] &+= 1 }  // < 2³¹ values
            for b in 1...buckets { starts[b] &+= starts[b &- 1] }
            for h in hashes {
                let bucket = Int(truncatingIfNeeded: h &>> shift)
                sorted[Int(starts[bucket])] = UInt32(truncatingIfNeeded: h &>> 32)
                starts[bucket] &+= 1
            }
        }
        if !insertionSort(sorted, count: count, moveBudget: 8 * count) {
            radixSort(sorted, count: count, spare: scratch)
        }
    }

    /// `insertionSort`, giving up (false) once it has moved `moveBudget` values; the array is
    /// then still a permutation of its values, in no particular order.
    static func insertionSort(_ values: UnsafeMutableBufferPointer<UInt32>, count: Int, moveBudget: Int) -> Bool {
        insertionSort(values, count: count, budget: moveBudget)
    }

    static func insertionSort(_ values: UnsafeMutableBufferPointer<UInt32>, count: Int) {
        _ = insertionSort(values, count: count, budget: nil)
    }

    /// The one insertion sort: with a budget, it gives up (false) once it has moved that many
    /// values. Inlined into both callers, so the unbudgeted one carries no bookkeeping.
    @inline(__always)
    private static func insertionSort(_ values: UnsafeMutableBufferPointer<UInt32>, count: Int, budget: Int?) -> Bool {
        guard count > 1 else { return true }
        var left = budget ?? 0
        for i in 1..<count {
            let value = values[i]
            var j = i
            while j > 0 && values[j - 1] > value { values[j] = values[j - 1]; j -= 1 }
            values[j] = value
            if budget != nil {
                left &-= i &- j
                if left < 0 { return false }
            }
        }
        return true
    }

    /// Sorts uniformly distributed values (hashes): distributes them into about `2 · count` buckets
    /// by their top bits, in one counting pass and one scatter into `spare` (which holds at least
    /// `count` values), then an insertion sort over the result, which only has to order the few
    /// values that share a bucket (twice as many buckets as values, not as many: −18 % sort time
    /// on random sets of 5–90 values, fewer mispredicted shifts). Measured against the 4-pass
    /// radix sort it replaces, whose 1 024 counter updates per pass dominated at the 30–300
    /// shingles of a paragraph: ~6 % of a news-like run. Worst case: a bucket holding many values
    /// (repeated shingles of periodic text, or values crafted to share their top bits) would make
    /// the insertion sort quadratic, so a bucket of more than 64 values is radix-sorted on its
    /// own first, and the insertion sort then finds it in order. (Radix-sorting the whole set
    /// instead, as before, was 5 % of a licenses run: long paragraphs repeat lines.) A crowded
    /// bucket whose values are all equal — one shingle of a repeated line, the usual crowd — is
    /// already in order and is left alone: its radix sorts were 1.8 % of the instructions of a
    /// licenses run.
    static func bucketSort(_ values: UnsafeMutableBufferPointer<UInt32>, count: Int, spare: UnsafeMutableBufferPointer<UInt32>) {
        // 16 ≤ count ≤ 2¹⁶ (the caller sorts the others otherwise), so 5 ≤ bits ≤ 17 and 15 ≤ shift ≤ 27.
        let bits = Int.bitWidth - count.leadingZeroBitCount  // ⌊log₂ count⌋ + 1: ≤ 2 · count buckets
        let shift = UInt32(32 - bits)
        let buckets = 1 << bits
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: buckets + 1) { starts in
            starts.initialize(repeating: 0)
            for i in 0..<count { starts[Int(values[i] >> shift) &+ 1] &+= 1 }  // < 2³¹ values
            var largest: Int32 = 0
            for b in 1...buckets {
                largest = max(largest, starts[b])
                starts[b] &+= starts[b &- 1]
            }
            for i in 0..<count {
                let value = values[i]
                let bucket = Int(value >> shift)
                spare[Int(starts[bucket])] = value
                starts[bucket] &+= 1
            }
            guard largest > 64 else { return }
            // Now bucket b holds spare[starts[b − 1] ..< starts[b]] (0 for the first), and
            // `values` is free to serve as the radix sort's scratch.
            var start = 0
            for b in 0..<buckets {
                let end = Int(starts[b])
                if end - start > 64 && !Self.allEqual(UnsafeMutableBufferPointer(rebasing: spare[start..<end])) {
                    radixSort(
                        UnsafeMutableBufferPointer(rebasing: spare[start..<end]), count: end - start,
                        spare: UnsafeMutableBufferPointer(rebasing: values[start..<end]))
                }
                start = end
            }
        }
        insertionSort(spare, count: count)
        _ = values.update(fromContentsOf: spare[..<count])
    }

    /// Whether every value of a non-empty bucket is the same (one pass, no early exit: a crowded
    /// bucket is short, and a branch per value cost more than it saved).
    static func allEqual(_ bucket: UnsafeMutableBufferPointer<UInt32>) -> Bool {
        let first = bucket[0]
        var differs: UInt32 = 0
        for value in bucket { differs |= value ^ first }
        return differs == 0
    }

    /// LSD radix sort, 4 passes of 8 bits (256 counters on the stack); `spare` holds at least
    /// `count` values.
    static func radixSort(_ values: UnsafeMutableBufferPointer<UInt32>, count: Int, spare: UnsafeMutableBufferPointer<UInt32>) {
        withUnsafeTemporaryAllocation(of: Int.self, capacity: 256) { counts in
            var source = values
            var target = spare
            for shift in stride(from: UInt32(0), to: 32, by: 8) {
                counts.initialize(repeating: 0)
                for i in 0..<count { counts[Int((source[i] >> shift) & 255)] += 1 }
                var sum = 0
                for i in 0..<256 { let c = counts[i]; counts[i] = sum; sum += c }
                for i in 0..<count {
                    let v = source[i]
                    let bucket = Int((v >> shift) & 255)
                    target[counts[bucket]] = v
                    counts[bucket] += 1
                }
                swap(&source, &target)
            }
            // An even number of passes: the sorted values are back in `values`.
        }
    }

    public var count: Int { hashes.count }

    /// |A ∩ B| by merging the two sorted arrays, four elements of each per step (`dedup_sorted_intersection`).
    /// - Complexity: O(|A| + |B|).
    public func intersectionCount(with other: ShingleSet) -> Int {
        intersectionCount(with: other, atLeast: 0) ?? 0
    }

    /// |A ∩ B|, or nil as soon as it can no longer reach `needed`: lets verification give up
    /// early on a candidate that cannot pass.
    func intersectionCount(with other: ShingleSet, atLeast needed: Int) -> Int? {
        hashes.withUnsafeBufferPointer { a in
            other.hashes.withUnsafeBufferPointer { b in Self.intersectionCount(a, b, atLeast: needed) }
        }
    }

    /// `intersectionCount(with:atLeast:)` on two sorted, duplicate-free buffers.
    static func intersectionCount(
        _ a: UnsafeBufferPointer<UInt32>, _ b: UnsafeBufferPointer<UInt32>, atLeast needed: Int
    ) -> Int? {
        // Four elements of each side per step (`dedup_sorted_intersection`).
        let shared = dedup_sorted_intersection(a.baseAddress, Int64(a.count), b.baseAddress, Int64(b.count), Int64(needed))
        return shared < 0 ? nil : Int(shared)
    }

    /// Exact Jaccard similarity if it is at least `threshold`, else nil (with early exits on sizes
    /// and during the merge).
    func jaccard(with other: ShingleSet, atLeast threshold: Double) -> Double? {
        hashes.withUnsafeBufferPointer { a in
            other.hashes.withUnsafeBufferPointer { b in Self.jaccard(a, b, atLeast: threshold) }
        }
    }

    /// `jaccard(with:atLeast:)` on two sorted, duplicate-free buffers.
    static func jaccard(
        _ a: UnsafeBufferPointer<UInt32>, _ b: UnsafeBufferPointer<UInt32>, atLeast threshold: Double
    ) -> Double? {
        let na = a.count, nb = b.count
        // J ≤ min/max: a size ratio below the threshold cannot pass.
        guard Double(min(na, nb)) >= threshold * Double(max(na, nb)) else { return nil }
        // J ≥ t ⇔ |A ∩ B| ≥ t(|A| + |B|) / (1 + t).
        let needed = Int((threshold * Double(na + nb) / (1 + threshold)).rounded(.down))
        guard let shared = intersectionCount(a, b, atLeast: needed) else { return nil }
        let similarity = Double(shared) / Double(na + nb - shared)
        return similarity >= threshold ? similarity : nil
    }

    /// Exact containment of this set in `other` if it is at least `threshold`, else nil.
    ///
    /// Walks this (smaller) set in order and asks, for each element, whether `other` holds it:
    /// by a linear merge when `other` is less than 128 times larger, by galloping otherwise (so a
    /// large container costs O(|A| log(|B| / |A|))). The answer depends only on those membership
    /// answers, never on how they are found. It stops as soon as more elements are missing than
    /// the threshold allows. The set is sorted by hash, so its first elements are a uniform random
    /// sample of it: for a set of more than 48, a candidate whose containment over the first
    /// `sampleSize` elements is more than 0.25 under the threshold (3.5 standard deviations at 32
    /// elements and c = 0.8) is rejected without looking further — as soon as the sample has more
    /// misses than that allows. A true container passes that test with probability about 0.9998,
    /// and a rejection never removes anything, it only keeps a paragraph. Long license-like
    /// paragraphs sharing half their text with hundreds of kept variants made this the hottest
    /// loop.
    /// - Complexity: O(min(|A| + |B|, |A| log |B|)), usually O(1) for a non-container.
    func containment(in other: ShingleSet, atLeast threshold: Double) -> Double? {
        hashes.withUnsafeBufferPointer { a in
            other.hashes.withUnsafeBufferPointer { b in Self.containment(a, in: b, atLeast: threshold) }
        }
    }

    /// How many of a set's `count` shingles may be missing from a container for
    /// `containment(in:atLeast:)` to pass `threshold`: more missing, and it returns nil.
    @inline(__always)
    static func allowedMisses(count: Int, containment threshold: Double) -> Int {
        count - Int((threshold * Double(count)).rounded(.up))
    }

    /// When `containment(in:atLeast:)` gives up on a set of `count` shingles: as soon as more than
    /// `sampleMisses` of its first `sampleSize` shingles, or more than `allowedMisses` of all of
    /// them, are missing from the container. One definition for the merge, the galloping search
    /// and `ShingleBitmap.rejects`, so that a bitmap rejects only what verification would.
    struct ContainmentLimits: Sendable {
        let sampleSize: Int
        let sampleMisses: Int
        let allowedMisses: Int

        init(count: Int, threshold: Double) {
            sampleSize = 32
            let sampleNeeded = Int(((threshold - 0.25) * Double(sampleSize)).rounded(.up))
            allowedMisses = ShingleSet.allowedMisses(count: count, containment: threshold)
            // Within the sample, more than `sampleSize - sampleNeeded` misses fail the sample test.
            sampleMisses = count > 48 ? min(allowedMisses, sampleSize - sampleNeeded) : allowedMisses
        }
    }

    /// `containment(in:atLeast:)` of sorted, duplicate-free `a` in `b`.
    static func containment(
        _ a: UnsafeBufferPointer<UInt32>, in b: UnsafeBufferPointer<UInt32>, atLeast threshold: Double
    ) -> Double? {
        let na = a.count
        let limits = ContainmentLimits(count: na, threshold: threshold)
        let (sampleSize, sampleMisses, allowedMisses) = (limits.sampleSize, limits.sampleMisses, limits.allowedMisses)
        let nb = b.count
        if nb < 128 * na {
            // A linear merge, four elements of each side per step (`dedup_sorted_misses`; the
            // sample size is a multiple of four, as it requires for the same answers). It beats
            // galloping's unpredictable branches up to containers about 100 times larger
            // (licenses, paired against switching at 8: 0.946 at 64, 0.93 at 128 and 256).
            let misses = dedup_sorted_misses(
                a.baseAddress, Int64(na), b.baseAddress, Int64(nb), Int64(sampleSize), Int64(sampleMisses),
                Int64(allowedMisses))
            if misses < 0 { return nil }
            let similarity = Double(na - Int(misses)) / Double(na)
            return similarity >= threshold ? similarity : nil
        }
        // A container 8 or more times larger: gallop to each element.
        var j = 0
        var misses = 0
        var limit = sampleMisses
        for (i, x) in a.enumerated() {
            if i == sampleSize { limit = allowedMisses }
            // Find the first index ≥ j whose value is ≥ x.
            var step = 1
            var low = j
            var high = j
            while high < nb && b[high] < x { low = high + 1; high = j + step; step <<= 1 }
            if high > nb { high = nb }
            while low < high {
                let mid = (low + high) >> 1
                if b[mid] < x { low = mid + 1 } else { high = mid }
            }
            j = low
            if j < nb && b[j] == x {
                j += 1
            } else {
                misses += 1
                if misses > limit { return nil }
            }
        }
        let similarity = Double(na - misses) / Double(na)
        return similarity >= threshold ? similarity : nil
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
