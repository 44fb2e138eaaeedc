/// A 256-bit summary of a shingle set: bit `h >> 24` is set for every shingle hash `h` in it.
///
/// Design note. A query shingle whose bit is clear in a kept set's mask cannot be in that set, so
/// the number of query bits clear in the kept mask is a lower bound on the query's shingles
/// missing from the kept set — exact arithmetic, never an estimate. Verification uses it to drop
/// a candidate that cannot pass before reading any of its shingles: the bound costs four
/// and-nots and popcounts on a record already in cache, where a merge costs a cache miss on the
/// candidate's set and a mispredicted branch per step. Shingle hashes are uniformly mixed, so
/// their top 8 bits spread evenly over the 256 positions. The bound is strong for short sets
/// (a 40-shingle set fills about 15 % of the bits) and weakens as sets grow past a few hundred
/// shingles, where it rejects less but still never wrongly.
struct ShingleMask: Sendable, Equatable {
    private var words: SIMD4<UInt64>

    /// The mask of a set given by its shingle hashes, ascending (a `ShingleSet`'s order).
    ///
    /// The bit of `h` is its top 8 bits, so in ascending order the word (the top 2 bits) only
    /// ever moves forward: each word is built in one register over a run of the set, with one
    /// shift and one or per shingle.
    /// - Complexity: O(s).
    init(ascending hashes: UnsafeBufferPointer<UInt32>) {
        var words = (UInt64(0), UInt64(0), UInt64(0), UInt64(0))
        var i = 0
        let count = hashes.count
        @inline(__always) func run(below limit: UInt64) -> UInt64 {
            var word: UInt64 = 0
            while i < count && UInt64(hashes[i]) < limit {
                word |= 1 << UInt64((hashes[i] >> 24) & 63)
                i += 1
            }
            return word
        }
        words.0 = run(below: 1 << 30)
        words.1 = run(below: 2 << 30)
        words.2 = run(below: 3 << 30)
        words.3 = run(below: 4 << 30)
        self.words = SIMD4(words.0, words.1, words.2, words.3)
    }

    init(_ set: ShingleSet) {
        self = set.hashes.withUnsafeBufferPointer { ShingleMask(ascending: $0) }
    }

    /// A lower bound on how many of this set's shingles `other`'s set lacks: the bits set here and
    /// clear there.
    /// - Complexity: O(1).
    @inline(__always)
    func missingLowerBound(in other: ShingleMask) -> Int {
        let absent = words & ~other.words
        return absent[0].nonzeroBitCount + absent[1].nonzeroBitCount + absent[2].nonzeroBitCount
            + absent[3].nonzeroBitCount
    }
}
