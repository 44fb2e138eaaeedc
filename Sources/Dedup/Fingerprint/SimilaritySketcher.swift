/// Match key → `SimilaritySketch`: shingles, their MinHash signature's band keys, and anchors.
///
/// A value per worker: the shingle hasher and the MinHash bins are scratch buffers reused across
/// paragraphs, so a paragraph allocates only the three arrays of its sketch.
public struct SimilaritySketcher: Sendable {
    private var shingler: ShingleHasher
    private var minHasher: OnePermutationMinHasher
    private let lsh: LSHParameters
    private let winnowing = WinnowingSampler(window: Self.anchorWindow)
    private let seed: UInt64
    private var sortScratch: [UInt32] = []

    /// Winnowing window: a fragment sharing a run of 8 shingles (12 characters at n = 5) with its
    /// container is guaranteed to share an anchor; about 2/9 of the shingles become anchors.
    static let anchorWindow = 8

    public init(configuration: DedupConfiguration) {
        let near = configuration.near
        seed = UInt64(configuration.seed)
        shingler = ShingleHasher(n: near.ngram, seed: seed)
        minHasher = OnePermutationMinHasher(bins: near.permutations, seed: seed)
        lsh = near.lshParameters
    }

    /// - Complexity: O(k·n + K) for a key of k scalars, K signature bins.
    public mutating func sketch(ofKey key: UnsafeBufferPointer<UInt8>) -> SimilaritySketch {
        let seed = seed
        let lsh = lsh
        let winnowing = winnowing
        return shingler.withShingleHashes(of: key) { hashes in
            let bandKeys = self.minHasher.withSignature(of: hashes) { lsh.bandKeys(of: $0, seed: seed) }
            return SimilaritySketch(
                shingles: ShingleSet(shingleHashes: hashes, scratch: &self.sortScratch),
                bandKeys: bandKeys,
                anchors: winnowing.anchors(of: hashes))
        }
    }

    /// The MinHash signature of a key, for tests and tools.
    public mutating func signature(ofKey key: [UInt8]) -> MinHashSignature {
        key.withUnsafeBufferPointer { input in
            shingler.withShingleHashes(of: input) { self.minHasher.signature(of: $0) }
        }
    }
}
