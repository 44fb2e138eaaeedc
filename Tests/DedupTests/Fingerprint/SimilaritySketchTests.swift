import Testing
@testable import Dedup

@Suite struct SimilaritySketchTests {
    /// The parts come back as stored, for odd and even numbers of 32-bit values (the packed tail
    /// has a spare half word when the count is odd) and for empty parts.
    @Test(arguments: [(0, 0, 0), (16, 1, 0), (16, 1, 1), (16, 2, 1), (16, 36, 9), (3, 7, 2), (0, 5, 0)])
    func partsRoundTrip(bands: Int, shingles: Int, anchors: Int) {
        let bandKeys = (0..<bands).map { UInt64($0) &* 0x9E37_79B9_7F4A_7C15 | 1 << 63 }
        let set = (0..<shingles).map { UInt32($0 * 1000 + 7) | (1 << 31) }
        let picked = Array(set.prefix(anchors))
        let sketch = SimilaritySketch(shingles: ShingleSet(sortedUnique: set), bandKeys: bandKeys, anchors: picked)
        #expect(sketch.bandKeys == bandKeys)
        #expect(sketch.shingles.hashes == set)
        #expect(sketch.anchors == picked)
        #expect(sketch.shingleSetCount == shingles)
        sketch.withParts { parts in
            #expect(Array(parts.bandKeys) == bandKeys)
            #expect(Array(parts.shingles) == set)
            #expect(Array(parts.anchors) == picked)
        }
    }

    @Test func sketchesDifferingOnlyInHowTheValuesSplitAreNotEqual() {
        // Same packed words, different boundary between shingles and anchors.
        let a = SimilaritySketch(shingles: ShingleSet(sortedUnique: [1, 2]), bandKeys: [9], anchors: [3])
        let b = SimilaritySketch(shingles: ShingleSet(sortedUnique: [1]), bandKeys: [9], anchors: [2, 3])
        #expect(a != b)
        #expect(a == SimilaritySketch(shingles: ShingleSet(sortedUnique: [1, 2]), bandKeys: [9], anchors: [3]))
    }

    /// The sketcher's one-allocation path gives the parts the separate computations give.
    @Test func sketcherMatchesTheSeparateSteps() {
        let configuration = DedupConfiguration.default
        var sketcher = SimilaritySketcher(configuration: configuration)
        var shingler = ShingleHasher(n: configuration.near.ngram, seed: UInt64(configuration.seed))
        var minHasher = OnePermutationMinHasher(bins: configuration.near.permutations, seed: UInt64(configuration.seed))
        let keys = ["短", "科技突围工程是自治区部署", String(repeating: "生物育种等八大方向", count: 40), "abcabcabcabcabcabc"]
        for key in keys {
            let bytes = Array(key.utf8)
            let sketch = bytes.withUnsafeBufferPointer { sketcher.sketch(ofKey: $0) }
            let hashes = shingler.shingleHashes(of: bytes)
            let expectedSet = hashes.withUnsafeBufferPointer { ShingleSet(shingleHashes: $0) }
            let expectedAnchors = hashes.withUnsafeBufferPointer { WinnowingSampler(window: SimilaritySketcher.anchorWindow).anchors(of: $0) }
            let signature = hashes.withUnsafeBufferPointer { minHasher.signature(of: $0) }
            #expect(sketch.shingles == expectedSet)
            #expect(sketch.anchors == expectedAnchors)
            #expect(sketch.bandKeys == configuration.near.lshParameters.bandKeys(of: signature, seed: UInt64(configuration.seed)))
        }
    }
}
