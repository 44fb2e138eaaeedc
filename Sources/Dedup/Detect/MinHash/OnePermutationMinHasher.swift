/// MinHash signatures by one-permutation hashing (OPH) with optimal densification.
///
/// Design note. Each 64-bit shingle hash is used once: its high 32 bits pick a bin
/// (`bin = (hi · K) >> 32`, K bins) and its low 32 bits are the value; a bin keeps its minimum.
/// Bins no shingle fell into are filled by optimal densification (Shrivastava, ICML 2017): empty
/// bin `i` copies the value of the first non-empty bin along a fixed pseudo-random sequence of bins
/// for `i`. The sequences are a K×K table built once per seed (a Fisher–Yates shuffle of the
/// other bins driven by `MurmurHash3.fmix64(seed ^ (i << 32) ^ step)`), so densifying costs one
/// byte load per step instead of one hash. The scheme is reproducible on the JVM from that spec.
///
/// Measured against per-hash multiply-add on 32-bit lanes (`Benchmarks/minhash-schemes.swift`,
/// zh corpus, 91 k paragraphs, signatures only): OPH 96 MB/s, multiply-add 73 MB/s with this
/// package's default x86-64 code generation; mean |estimate − Jaccard| on 20 k edited pairs 0.032
/// vs 0.029, and both meet the pipeline's recall bar because every candidate is verified exactly.
/// With AVX2 code generation (`-target-cpu haswell`, not used by this package) multiply-add
/// vectorizes to 240 MB/s and would win.
///
/// - Complexity: O(s + K + e·K/f) per paragraph for s shingles, e empty and f full bins; the
///   scratch bins are reused, only the returned signature is allocated.
public struct OnePermutationMinHasher: Sendable {
    public let bins: Int
    public let seed: UInt64
    /// `order[i * bins + step]`: the bin empty bin `i` looks at on its `step`-th attempt.
    private let order: [UInt16]
    /// `rank[i * bins + j]`: the step at which empty bin `i` looks at bin `j` (inverse of `order`).
    private let rank: [UInt16]
    /// For at most 256 bins, the transpose of `rank` with the bin packed in and the top bit
    /// flipped: `packedRank[j * bins + i] = Int16(bitPattern: (rank[i * bins + j] << 8 | j) ^ 0x8000)`,
    /// so the signed minimum over the full bins `j` of one column `i` names the full bin empty
    /// bin `i` copies (ranks in a row are distinct; the flip makes signed order the unsigned one).
    private let packedRank: [Int16]
    private var scratch: [UInt32]
    /// Scratch: the signature handed to `withSignature`'s body.
    private var signatureScratch: [UInt32]
    /// Which bins are full, and the full bins in the order they filled.
    private var full: [Bool]
    private var fullList: [Int]

    /// - Parameter bins: 1…65535 (the signature length, default 128).
    public init(bins: Int, seed: UInt64) {
        let k = min(max(bins, 1), 65_535)
        self.bins = k
        self.seed = seed
        var order = [UInt16](repeating: 0, count: k * k)
        var rank = [UInt16](repeating: 0, count: k * k)
        for i in 0..<k {
            var row = (0..<k).map { UInt16($0) }
            // Fisher–Yates, last to first, with the documented hash stream.
            var j = k - 1
            while j > 0 {
                let r = MurmurHash3.fmix64(seed ^ (UInt64(i) << 32) ^ UInt64(j))
                let pick = Int((r >> 32) % UInt64(j + 1))
                row.swapAt(j, pick)
                j -= 1
            }
            for (step, bin) in row.enumerated() {
                order[i * k + step] = bin
                rank[i * k + Int(bin)] = UInt16(step)
            }
        }
        self.order = order
        self.rank = rank
        var packed: [Int16] = []
        if k <= 256 {
            packed = [Int16](repeating: 0, count: k * k)
            for i in 0..<k {
                for j in 0..<k { packed[j * k + i] = Int16(bitPattern: (rank[i * k + j] << 8 | UInt16(j)) ^ 0x8000) }
            }
        }
        self.packedRank = packed
        self.scratch = [UInt32](repeating: .max, count: k)
        self.signatureScratch = [UInt32](repeating: 0, count: k)
        self.full = [Bool](repeating: false, count: k)
        self.fullList = [Int](repeating: 0, count: k)
    }

    /// The signature of a set given by its shingle hashes (duplicates allowed, at least one).
    public mutating func signature(of shingleHashes: UnsafeBufferPointer<UInt64>) -> MinHashSignature {
        withSignature(of: shingleHashes) { MinHashSignature(values: Array($0)) }
    }

    /// Calls `body` with the signature of a set given by its shingle hashes (duplicates allowed,
    /// at least one), held in a scratch buffer that is only valid inside `body`: the sketcher
    /// turns it straight into band keys, so no signature array is allocated per paragraph.
    ///
    /// Densification finds, for each empty bin, the first full bin of its sequence — by walking
    /// the sequence (expected K/f steps) when more than half the bins are full; when at most half
    /// are (short paragraphs: a 40-character one fills about 30 of 128), by a vectorized minimum
    /// of packed ranks over the f full bins for all K bins at once (f·K lanes, no branches; only
    /// for K ≤ 256 and a multiple of 8), or else by taking the full bin of smallest rank in the sequence (f reads)
    /// when f² ≤ K: the same bin every way.
    public mutating func withSignature<R>(
        of shingleHashes: UnsafeBufferPointer<UInt64>, _ body: (UnsafeBufferPointer<UInt32>) -> R
    ) -> R {
        let k = bins
        let kk = UInt64(k)
        signatureScratch.withUnsafeMutableBufferPointer { result in
            scratch.withUnsafeMutableBufferPointer { values in
                full.withUnsafeMutableBufferPointer { full in
                    fullList.withUnsafeMutableBufferPointer { fullList in
                        for i in 0..<k { values[i] = .max; full[i] = false; result[i] = 0 }
                        // Branch-free: which bin a shingle falls into and whether it lowers the
                        // minimum are coin flips a branch would mispredict.
                        for h in shingleHashes {
                            // (hi · K) >> 32 < K since hi < 2³²: a range reduction without division.
                            let bin = Int(((h >> 32) &* kk) >> 32)
                            full[bin] = true
                            values[bin] = min(values[bin], UInt32(truncatingIfNeeded: h))
                        }
                        // The full bins in ascending order (no densification below depends on
                        // their order: each takes a minimum over distinct keys).
                        var filled = 0
                        for i in 0..<k {
                            fullList[filled] = i
                            filled += full[i] ? 1 : 0
                        }
                        guard filled > 0 else { return }
                        if k <= 256 && k % 8 == 0 && 2 * filled <= k {
                            // Few full bins: take, for every bin at once, the minimum of the packed
                            // ranks over the full bins — 8 bins per vector held in a register while
                            // the full bins' rows are scanned — instead of a data-dependent walk per
                            // empty bin. The ranks are stored with the top bit flipped as signed
                            // lanes, whose minimum is one instruction without SSE4.1 and orders
                            // them as the unsigned ranks.
                            packedRank.withUnsafeBytes { packed in
                                let rowBytes = k * MemoryLayout<Int16>.stride
                                for c in 0..<(k / 8) {
                                    var lanes = SIMD8<Int16>(repeating: .max)
                                    let column = c * MemoryLayout<SIMD8<Int16>>.stride
                                    for f in 0..<filled {
                                        let ranks = packed.loadUnaligned(
                                            fromByteOffset: fullList[f] &* rowBytes &+ column, as: SIMD8<Int16>.self)  // < k² · 2 bytes
                                        lanes = pointwiseMin(lanes, ranks)
                                    }
                                    for lane in 0..<8 {
                                        let i = c * 8 + lane
                                        // The low byte is the bin (the flipped bit is the top one).
                                        let nearest = Int(UInt16(bitPattern: lanes[lane]) & 0xFF)
                                        result[i] = full[i] ? values[i] : values[nearest]
                                    }
                                }
                            }
                            return
                        }
                        order.withUnsafeBufferPointer { order in
                            rank.withUnsafeBufferPointer { rank in
                                let fewFull = filled * filled <= k
                                for i in 0..<k {
                                    if full[i] { result[i] = values[i]; continue }
                                    let row = i * k
                                    if fewFull {
                                        var bestRank = UInt16.max
                                        var best = 0
                                        for f in 0..<filled {
                                            let r = rank[row + fullList[f]]
                                            if r < bestRank { bestRank = r; best = fullList[f] }
                                        }
                                        result[i] = values[best]
                                    } else {
                                        // Every row is a permutation of all bins and one bin is
                                        // full, so the walk ends within K steps.
                                        var step = row
                                        while !full[Int(order[step])] { step += 1 }
                                        result[i] = values[Int(order[step])]
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return signatureScratch.withUnsafeBufferPointer(body)
    }
}
