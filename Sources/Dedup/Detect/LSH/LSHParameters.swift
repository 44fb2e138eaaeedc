/// Bands × rows of an LSH index, derived from the Jaccard threshold rather than guessed.
///
/// Two sets with Jaccard `s` share at least one band with probability `P(s) = 1 − (1 − s^r)^b`.
/// Among all `b·r ≤ permutations`, the chosen pair minimizes
/// `w_fp · ∫₀ᵗ P(s) ds + w_fn · ∫ₜ¹ (1 − P(s)) ds`, the weighted false-positive and
/// false-negative areas (the criterion datasketch's `_optimal_param` uses). Because every
/// candidate is verified against exact Jaccard before anything is removed, a false positive only
/// costs one set comparison while a false negative is a missed duplicate: the weights are
/// `w_fp = 0.05`, `w_fn = 0.95`. For t = 0.8 and 128 permutations that gives 16 bands × 8 rows
/// (P(0.8) ≈ 0.95, P(0.85) ≈ 0.99, P(0.5) ≈ 0.06); equal weights would give 9 × 13 with
/// P(0.8) ≈ 0.40.
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
    /// - Complexity: O(permutations · log permutations · q) for q quadrature points.
    public static func optimal(
        threshold: Double, permutations: Int,
        falsePositiveWeight: Double = falsePositiveWeight,
        falseNegativeWeight: Double = falseNegativeWeight
    ) -> LSHParameters {
        let t = min(max(threshold, 0), 1)
        var best = LSHParameters(bands: 1, rows: max(1, permutations))
        var bestError = Double.infinity
        for b in 1...max(1, permutations) {
            for r in 1...max(1, permutations / b) {
                let fp = integrate(from: 0, to: t) { s in probability(s, bands: b, rows: r) }
                let fn = integrate(from: t, to: 1) { s in 1 - probability(s, bands: b, rows: r) }
                let error = falsePositiveWeight * fp + falseNegativeWeight * fn
                if error < bestError - 1e-12 {
                    bestError = error
                    best = LSHParameters(bands: b, rows: r)
                }
            }
        }
        return best
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
        let m = ShingleHasher.multiplier
        let bands = bands, rows = rows
        precondition(signature.count >= bands * rows, "a signature shorter than bands × rows")
        return [UInt64](unsafeUninitializedCapacity: bands) { keys, initialized in
            for j in 0..<bands {
                var h = seed ^ (UInt64(j + 1) &* m)
                for v in signature[(j * rows)..<((j + 1) * rows)] {
                    h = (h ^ UInt64(v)) &* m  // wrapping by design: a bijective step, as in ShingleHasher
                }
                keys[j] = MurmurHash3.fmix64(h)
            }
            initialized = bands
        }
    }
}
