/// Picks a paragraph's anchors: a position-robust sample of its shingles for finding the one
/// kept paragraph a fragment lies inside.
///
/// Winnowing (Schleimer, Wilkerson, Aiken 2003): in every window of `window` consecutive shingles
/// the smallest shingle hash is an anchor (ties: the rightmost). A shared run of at least `window`
/// shingles therefore always shares an anchor, whatever text surrounds it on either side — which
/// is what a fragment needs: its anchors are found among its container's anchors even though
/// MinHash signatures of a small set and a large superset barely agree (their Jaccard is small).
/// About `2 / (window + 1)` of a paragraph's shingles become anchors. A paragraph with fewer
/// shingles than `window` has one anchor, its smallest.
///
/// Anchors are the 32-bit values of `ShingleSet`, so they are members of the paragraph's set.
struct WinnowingSampler: Sendable {
    let window: Int

    init(window: Int) {
        self.window = max(1, window)
    }

    /// Distinct anchors, ascending.
    func anchors(of shingleHashes: UnsafeBufferPointer<UInt64>) -> [UInt32] {
        [UInt32](unsafeUninitializedCapacity: Self.capacity(forShingles: shingleHashes.count)) { values, initialized in
            initialized = anchors(of: shingleHashes, into: values)
        }
    }

    /// How many values `anchors(of:into:)` may write for `count` shingles: one per window start
    /// at most, so at most `count`.
    static func capacity(forShingles count: Int) -> Int { max(count, 1) }

    /// Writes the distinct anchors, ascending, to the start of `values` (which holds at least
    /// `capacity(forShingles:)`) and returns how many there are.
    ///
    /// The window's minimum is carried from one window to the next: the entering shingle replaces
    /// it when not larger (it is the rightmost), and the window is rescanned only when its minimum
    /// leaves it — expected O(s) instead of O(s·w), same anchors.
    /// - Complexity: O(s) expected, O(s·w) worst case (descending hashes) for s shingles.
    func anchors(of shingleHashes: UnsafeBufferPointer<UInt64>, into values: UnsafeMutableBufferPointer<UInt32>) -> Int {
        let count = shingleHashes.count
        guard count > 0 else { return 0 }
        let w = min(window, count)
        var written = 0
        @inline(__always) func value(_ i: Int) -> UInt32 { UInt32(truncatingIfNeeded: shingleHashes[i] >> 32) }
        var lastPicked = -1
        var best = -1
        var bestValue = UInt32.max
        for start in 0...(count - w) {
            let end = start + w - 1
            if best < start {
                // The minimum left the window (or this is the first one): rescan it; `<=` keeps
                // the rightmost of equal values.
                best = start
                bestValue = value(start)
                var i = start + 1
                while i <= end {
                    let v = value(i)
                    if v <= bestValue { best = i; bestValue = v }
                    i += 1
                }
            } else {
                let v = value(end)
                if v <= bestValue { best = end; bestValue = v }
            }
            if best != lastPicked {
                values[written] = bestValue  // one per window start at most: < count
                written += 1
                lastPicked = best
            }
        }
        // ShingleSet's sorts for hashes beat the standard library's general sort, which was ~1 %
        // of a news-like run here; the bucket sort beats the radix sort used here before on the
        // hundreds of anchors of a long paragraph (4 passes over 256 counters each).
        let picked = UnsafeMutableBufferPointer(rebasing: values[..<written])
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: max(written, 1)) { spare in
            ShingleSet.sortHashes(picked, count: written, spare: spare)
        }
        var distinct = 0
        for read in 0..<written where distinct == 0 || values[read] != values[distinct - 1] {
            values[distinct] = values[read]
            distinct += 1
        }
        return distinct
    }
}
