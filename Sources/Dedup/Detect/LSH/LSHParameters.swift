/// Bands × rows of an LSH index, derived from the Jaccard threshold rather than guessed.
///
/// Two sets with Jaccard `s` share at least one band with probability `P(s) = 1 − (1 − s^r)^b`.
/// Among all `b·r ≤ permutations`, the chosen pair minimizes
/// `w_fp · ∫₀ᵗ P(s) ds + w_fn · ∫ₜ¹ (1 − P(s)) ds`, the weighted false-positive and
/// false-negative areas (the criterion datasketch's `_optimal_param` uses). Because every
/// candidate is verified against exact Jaccard before anything is removed, a false positive only
/// costs one set comparison while a false negative is a missed duplicate: the weights are
/// `w_fp = 0.05`, `w_fn = 0.95`. For t = 0.8 and the default 64 permutations that gives 10 bands
/// × 6 rows (P(0.8) ≈ 0.95, P(0.85) ≈ 0.99, P(0.5) ≈ 0.15); 128 give 16 × 8 (P(0.5) ≈ 0.06),
/// where equal weights would give 9 × 13 with P(0.8) ≈ 0.40.
public struct LSHParameters: Sendable, Equatable {
    public var bands: Int
    public var rows: Int

    public static let falsePositiveWeight = 0.05
    public static let falseNegativeWeight = 0.95

    public init(bands: Int, rows: Int) {
        self.bands = bands
        self.rows = rows
    }

    /// The optimal bands × rows for `threshold` in (0, 1] and a signature of `permutations` values.
    ///
    /// Every pair's error is the one `error(bands:rows:threshold:…)` gives, bit for bit: the
    /// powers `s^r` and `(1 − s^r)^b` are built by the same repeated multiplications as `power`,
    /// but shared — `s^r` for all rows at once, `(1 − s^r)^b` for all bands of one row count at
    /// once — and Simpson's sums are added in `integrate`'s order. So the choice is the plain
    /// scan's, at O(q·permutations·log permutations) multiplications instead of that times the
    /// bands and rows (about 10 ms per derivation, paid at every start-up).
    /// - Complexity: O(permutations · log permutations · q) for q quadrature points.
    public static func optimal(
        threshold: Double, permutations: Int,
        falsePositiveWeight: Double = falsePositiveWeight,
        falseNegativeWeight: Double = falseNegativeWeight
    ) -> LSHParameters {
        let t = min(max(threshold, 0), 1)
        let k = max(1, permutations)
        let below = SimpsonGrid(from: 0, to: t)
        let above = SimpsonGrid(from: t, to: 1)
        // errors[b][r] for every b·r ≤ k, computed row count by row count.
        var errors = (0...k).map { b in [Double](repeating: .infinity, count: b == 0 ? 0 : k / b + 1) }
        var rowPowerBelow = [Double](repeating: 1, count: below.points.count)  // s^r, r so far
        var rowPowerAbove = [Double](repeating: 1, count: above.points.count)
        for r in 1...k {
            for i in below.points.indices { rowPowerBelow[i] *= below.points[i] }
            for i in above.points.indices { rowPowerAbove[i] *= above.points[i] }
            var bandPowerBelow = [Double](repeating: 1, count: below.points.count)  // (1 − s^r)^b
            var bandPowerAbove = [Double](repeating: 1, count: above.points.count)
            for b in 1...(k / r) {
                for i in below.points.indices { bandPowerBelow[i] *= 1 - rowPowerBelow[i] }
                for i in above.points.indices { bandPowerAbove[i] *= 1 - rowPowerAbove[i] }
                // probability(s) = 1 − (1 − s^r)^b, exactly as `probability` computes it.
                let fp = below.integrate { 1 - bandPowerBelow[$0] }
                let fn = above.integrate { 1 - (1 - bandPowerAbove[$0]) }
                errors[b][r] = falsePositiveWeight * fp + falseNegativeWeight * fn
            }
        }
        var best = LSHParameters(bands: 1, rows: k)
        var bestError = Double.infinity
        for b in 1...k {
            for r in 1...(k / b) where errors[b][r] < bestError - 1e-12 {
                bestError = errors[b][r]
                best = LSHParameters(bands: b, rows: r)
            }
        }
        return best
    }

    /// The quadrature points of `integrate(from:to:)` over one interval, to integrate values
    /// given per point in the same order of additions.
    private struct SimpsonGrid {
        static let intervals = 200
        let a: Double
        let h: Double
        /// `a`, `b`, then the interior points `a + i·h` for i = 1…intervals − 1 (empty when b ≤ a).
        let points: [Double]

        init(from a: Double, to b: Double) {
            self.a = a
            let n = Self.intervals
            h = (b - a) / Double(n)
            guard b > a else { points = []; return }
            let h = h
            points = [a, b] + (1..<n).map { a + Double($0) * h }
        }

        /// `integrate(from:to:)` of the function whose value at `points[i]` is `value(i)`.
        func integrate(_ value: (Int) -> Double) -> Double {
            guard !points.isEmpty else { return 0 }
            var sum = value(0) + value(1)
            for i in 1..<Self.intervals {
                sum += value(i + 1) * (i % 2 == 1 ? 4 : 2)
            }
            return sum * h / 3
        }
    }

    /// The probability that two sets with Jaccard `s` share at least one band.
    public static func probability(_ s: Double, bands: Int, rows: Int) -> Double {
        1 - power(1 - power(s, rows), bands)
    }

    static func power(_ x: Double, _ k: Int) -> Double {
        var result = 1.0
        for _ in 0..<max(0, k) { result *= x }
        return result
    }

    /// Composite Simpson's rule with 200 intervals: the integrands are smooth polynomials.
    static func integrate(from a: Double, to b: Double, _ f: (Double) -> Double) -> Double {
        guard b > a else { return 0 }
        let n = 200
        let h = (b - a) / Double(n)
        var sum = f(a) + f(b)
        for i in 1..<n {
            sum += f(a + Double(i) * h) * (i % 2 == 1 ? 4 : 2)
        }
        return sum * h / 3
    }

    /// The band keys of a signature: for band `j` over values `v`,
    /// `h = seed ^ ((j + 1) · 0x9E3779B97F4A7C15)`, then `h = (h ^ v) · 0x9E3779B97F4A7C15` per
    /// value, key = `MurmurHash3.fmix64(h)`. The band number is part of the key, so one table
    /// holds every band.
    public func bandKeys(of signature: MinHashSignature, seed: UInt64) -> [UInt64] {
        signature.values.withUnsafeBufferPointer { bandKeys(of: $0, seed: seed) }
    }

    /// `bandKeys(of:seed:)` of a signature given as its values.
    /// - Precondition: `signature.count >= bands · rows`.
    func bandKeys(of signature: UnsafeBufferPointer<UInt32>, seed: UInt64) -> [UInt64] {
        [UInt64](unsafeUninitializedCapacity: bands) { keys, initialized in
            bandKeys(of: signature, seed: seed, into: keys)
            initialized = bands
        }
    }

    /// Writes the `bands` band keys of `signature` to the start of `keys`.
    /// - Precondition: `signature.count >= bands · rows`, `keys.count >= bands`.
    func bandKeys(of signature: UnsafeBufferPointer<UInt32>, seed: UInt64, into keys: UnsafeMutableBufferPointer<UInt64>) {
        let m = ShingleHasher.multiplier
        let bands = bands, rows = rows
        precondition(signature.count >= bands * rows, "a signature shorter than bands × rows")
        precondition(keys.count >= bands, "room for every band key")
        for j in 0..<bands {
            var h = seed ^ (UInt64(j + 1) &* m)
            for v in signature[(j * rows)..<((j + 1) * rows)] {
                h = (h ^ UInt64(v)) &* m  // wrapping by design: a bijective step, as in ShingleHasher
            }
            keys[j] = MurmurHash3.fmix64(h)
        }
    }
}
