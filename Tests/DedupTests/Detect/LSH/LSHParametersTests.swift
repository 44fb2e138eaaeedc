import Testing
@testable import Dedup

@Suite struct LSHParametersTests {
    func error(_ p: LSHParameters, threshold t: Double) -> Double {
        let fp = LSHParameters.integrate(from: 0, to: t) { LSHParameters.probability($0, bands: p.bands, rows: p.rows) }
        let fn = LSHParameters.integrate(from: t, to: 1) { 1 - LSHParameters.probability($0, bands: p.bands, rows: p.rows) }
        return LSHParameters.falsePositiveWeight * fp + LSHParameters.falseNegativeWeight * fn
    }

    @Test func defaultThresholdGivesSixteenBandsOfEightRows() {
        let p = LSHParameters.optimal(threshold: 0.8, permutations: 128)
        #expect(p == LSHParameters(bands: 16, rows: 8))
        #expect(LSHParameters.probability(0.8, bands: p.bands, rows: p.rows) > 0.94)
        #expect(LSHParameters.probability(0.3, bands: p.bands, rows: p.rows) < 0.01)
    }

    @Test func equalWeightsReproduceDatasketch() {
        // datasketch's MinHashLSH(threshold=0.8, num_perm=128) picks b = 9, r = 13.
        let p = LSHParameters.optimal(threshold: 0.8, permutations: 128, falsePositiveWeight: 0.5, falseNegativeWeight: 0.5)
        #expect(p == LSHParameters(bands: 9, rows: 13))
    }

    @Test func chosenPairIsTheMinimumOverEveryPair() {
        for threshold in [0.5, 0.7, 0.9] {
            let chosen = LSHParameters.optimal(threshold: threshold, permutations: 64)
            #expect(chosen.bands * chosen.rows <= 64)
            let best = error(chosen, threshold: threshold)
            for b in 1...64 {
                for r in 1...(64 / b) {
                    #expect(best <= error(LSHParameters(bands: b, rows: r), threshold: threshold) + 1e-12)
                }
            }
        }
    }

    /// The plain scan `optimal` replaced: every pair's error from `probability` and `integrate`.
    func scannedOptimum(threshold: Double, permutations: Int, fp: Double, fn: Double) -> LSHParameters {
        var best = LSHParameters(bands: 1, rows: permutations)
        var bestError = Double.infinity
        for b in 1...permutations {
            for r in 1...(permutations / b) {
                let t = threshold
                let e = fp * LSHParameters.integrate(from: 0, to: t) { LSHParameters.probability($0, bands: b, rows: r) }
                    + fn * LSHParameters.integrate(from: t, to: 1) { 1 - LSHParameters.probability($0, bands: b, rows: r) }
                if e < bestError - 1e-12 { bestError = e; best = LSHParameters(bands: b, rows: r) }
            }
        }
        return best
    }

    @Test func sharedPowersChooseWhatThePlainScanChooses() {
        for permutations in [1, 7, 64, 128] {
            for threshold in [0.05, 0.3, 0.5, 0.7, 0.8, 0.85, 0.9, 0.95, 1.0] {
                for (fp, fn) in [(0.05, 0.95), (0.5, 0.5)] {
                    #expect(
                        LSHParameters.optimal(
                            threshold: threshold, permutations: permutations,
                            falsePositiveWeight: fp, falseNegativeWeight: fn)
                            == scannedOptimum(threshold: threshold, permutations: permutations, fp: fp, fn: fn),
                        "threshold \(threshold), \(permutations) permutations, weights \(fp)/\(fn)")
                }
            }
        }
    }

    @Test func higherThresholdsUseLongerBands() {
        let low = LSHParameters.optimal(threshold: 0.5, permutations: 128)
        let high = LSHParameters.optimal(threshold: 0.9, permutations: 128)
        #expect(low.rows < high.rows)
    }

    @Test func bandKeysDependOnBandNumberAndValues() {
        let p = LSHParameters(bands: 4, rows: 2)
        let same = MinHashSignature(values: [1, 2, 1, 2, 1, 2, 1, 2])
        let keys = p.bandKeys(of: same, seed: 42)
        #expect(Set(keys).count == 4)
        var changed = same
        changed.values[7] = 9
        let other = p.bandKeys(of: changed, seed: 42)
        #expect(Array(other.prefix(3)) == Array(keys.prefix(3)) && other[3] != keys[3])
    }
}
