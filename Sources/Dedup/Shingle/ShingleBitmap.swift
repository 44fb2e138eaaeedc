/// A bitmap summary of a large kept shingle set, for rejecting containment candidates that cannot
/// pass without merging their sets.
///
/// Design note. `ShingleMask`'s 256 bits saturate once a set passes a few hundred shingles, and
/// long paragraphs (licenses) are exactly the containers that fragments are checked against: on
/// the licenses corpus 218 668 of 220 759 containment checks failed, and their merges walked 80 M
/// elements against 5 M for the checks that passed (20 % of the run's instructions). A bitmap
/// sized to the set — between 2 and 4 bits per shingle, a power of two — keeps the mask's exact
/// bound: a query shingle whose bit is clear cannot be in the set, so the clear bits met are a
/// lower bound on the query's misses. `rejects` applies the verification's own two limits
/// (`ShingleSet.ContainmentLimits`) to that bound, so it rejects only candidates the merge would
/// reject too: no result changes, the merge is only skipped.
///
/// Layout: a set of `minimumSetSize` shingles or more has `wordCount(forSetSize:)` words right
/// before it in the `ShingleArena`; their count follows from the set's size, so nothing else is
/// stored. Bit `h >> (32 − log₂ bits)` is set for every shingle `h`: the top bits of a uniform
/// hash, so the query's ascending shingles read the bitmap front to back. Memory: 0.25 to 0.5 bytes
/// per shingle of a large kept set (its set takes 4).
enum ShingleBitmap {
    /// Sets this large or larger get a bitmap; below it the 256-bit `ShingleMask` is at most
    /// 40 % full and rejects on its own.
    static let minimumSetSize = 128

    /// Bits of the bitmap of a set of `size` shingles (a power of two, 2 to 4 per shingle), or 0
    /// below `minimumSetSize`.
    static func bitCount(forSetSize size: Int) -> Int {
        guard size >= minimumSetSize else { return 0 }
        // The largest power of two ≤ 4 · size, which is > 2 · size.
        return 1 << (Int.bitWidth - 1 - (4 * size).leadingZeroBitCount)
    }

    /// 32-bit words of the bitmap of a set of `size` shingles (0 below `minimumSetSize`).
    static func wordCount(forSetSize size: Int) -> Int { bitCount(forSetSize: size) / 32 }

    /// The shift that turns a shingle hash into its bit: 32 − log₂ `bits`.
    @inline(__always)
    private static func shift(bits: Int) -> UInt32 { UInt32(32 - bits.trailingZeroBitCount) }

    /// Writes the bitmap of `set` (ascending, at least `minimumSetSize`) to `words`, which holds
    /// exactly `wordCount(forSetSize: set.count)` words.
    static func build(_ set: UnsafeBufferPointer<UInt32>, into words: UnsafeMutableBufferPointer<UInt32>) {
        let shift = shift(bits: words.count * 32)
        for i in words.indices { words[i] = 0 }
        for h in set {
            let bit = Int(h >> shift)
            words[bit >> 5] |= 1 << UInt32(bit & 31)
        }
    }

    /// Whether the clear bits `query` (ascending) meets in `words` already exceed what
    /// `limits` allows: then `ShingleSet.containment` would return nil for this pair as well.
    /// The count only grows, so testing the overall limit once per block of eight (and at the
    /// end) gives the same answer as testing it after every shingle, with fewer branches.
    /// - Complexity: O(|query|), stopping within eight shingles of the first limit exceeded.
    static func rejects(
        _ query: UnsafeBufferPointer<UInt32>, in words: UnsafeBufferPointer<UInt32>,
        limits: ShingleSet.ContainmentLimits
    ) -> Bool {
        let shift = shift(bits: words.count * 32)
        @inline(__always) func missing(_ h: UInt32) -> Int {
            let bit = Int(h >> shift)  // < words.count · 32
            return Int(((words[bit &>> 5] &>> UInt32(bit & 31)) & 1) ^ 1)
        }
        var misses = 0
        let count = query.count
        let sampleEnd = min(limits.sampleSize, count)
        var i = 0
        while i < sampleEnd {
            misses &+= missing(query[i])
            i &+= 1
        }
        if misses > limits.sampleMisses { return true }
        while i &+ 8 <= count {
            misses &+= missing(query[i]) &+ missing(query[i &+ 1]) &+ missing(query[i &+ 2]) &+ missing(query[i &+ 3])
            misses &+= missing(query[i &+ 4]) &+ missing(query[i &+ 5]) &+ missing(query[i &+ 6]) &+ missing(query[i &+ 7])
            if misses > limits.allowedMisses { return true }
            i &+= 8
        }
        while i < count {
            misses &+= missing(query[i])
            i &+= 1
        }
        return misses > limits.allowedMisses
    }
}
