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
    ///
    /// The window's minimum is carried from one window to the next: the entering shingle replaces
    /// it when not larger (it is the rightmost), and the window is rescanned only when its minimum
    /// leaves it — expected O(s) instead of O(s·w), same anchors.
    /// - Complexity: O(s) expected, O(s·w) worst case (descending hashes) for s shingles.
    func anchors(of shingleHashes: UnsafeBufferPointer<UInt64>) -> [UInt32] {
        let count = shingleHashes.count
        guard count > 0 else { return [] }
        let w = min(window, count)
        var anchors: [UInt32] = []
        anchors.reserveCapacity(2 * count / (w + 1) + 2)
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
                anchors.append(bestValue)
                lastPicked = best
            }
        }
        // ShingleSet's sorts (insertion below 64 values, radix above) beat the standard library's
        // general sort, which was ~1 % of a news-like run here.
        anchors.withUnsafeMutableBufferPointer { values in
            if values.count < 64 {
                ShingleSet.insertionSort(values, count: values.count)
            } else {
                withUnsafeTemporaryAllocation(of: UInt32.self, capacity: values.count) { spare in
                    ShingleSet.radixSort(values, count: values.count, spare: spare)
                }
            }
        }
        var write = 0
        for read in anchors.indices where write == 0 || anchors[read] != anchors[write - 1] {
            anchors[write] = anchors[read]
            write += 1
        }
        anchors.removeLast(anchors.count - write)
        return anchors
    }
}
