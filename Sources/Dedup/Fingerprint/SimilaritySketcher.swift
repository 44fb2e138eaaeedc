/// Match key → `SimilaritySketch`: shingles, their MinHash signature's band keys, and anchors.
///
/// A value per worker: the shingle hasher and the MinHash bins are scratch buffers reused across
/// paragraphs, as is the room the set and anchors are built in, so a paragraph allocates only
/// its sketch's one array.
public struct SimilaritySketcher: Sendable {
    private var shingler: ShingleHasher
    private var minHasher: OnePermutationMinHasher
    private let lsh: LSHParameters
    private let winnowing = WinnowingSampler(window: Self.anchorWindow)
    private let seed: UInt64
    /// Scratch: the shingle set, its sort's spare room and the anchors of one paragraph.
    private var scratch: [UInt32] = []

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

    /// - Complexity: O(k·n + K) for a key of k scalars, K signature bins; one allocation (the sketch).
    public mutating func sketch(ofKey key: UnsafeBufferPointer<UInt8>) -> SimilaritySketch {
        let (seed, lsh, winnowing) = (seed, lsh, winnowing)
        return shingler.withShingleHashes(of: key) { hashes in
            Self.sketch(
                ofShingleHashes: hashes, scratch: &scratch, minHasher: &minHasher, lsh: lsh, seed: seed,
                winnowing: winnowing)
        }
    }

    /// `sketch(ofKey:)` for a key given as its scalars (the match key's fast path gives them).
    mutating func sketch(ofKeyScalars scalars: UnsafeBufferPointer<UInt32>) -> SimilaritySketch {
        let (seed, lsh, winnowing) = (seed, lsh, winnowing)
        return shingler.withShingleHashes(ofScalars: scalars) { hashes in
            Self.sketch(
                ofShingleHashes: hashes, scratch: &scratch, minHasher: &minHasher, lsh: lsh, seed: seed,
                winnowing: winnowing)
        }
    }

    private static func sketch(
        ofShingleHashes hashes: UnsafeBufferPointer<UInt64>, scratch: inout [UInt32],
        minHasher: inout OnePermutationMinHasher, lsh: LSHParameters, seed: UInt64, winnowing: WinnowingSampler
    ) -> SimilaritySketch {
        let count = hashes.count
        let needed = 2 * count + WinnowingSampler.capacity(forShingles: count)
        if scratch.count < needed { scratch = [UInt32](repeating: 0, count: needed + 64) }
        return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: lsh.bands) { bandKeys in
            minHasher.withSignature(of: hashes) { lsh.bandKeys(of: $0, seed: seed, into: bandKeys) }
            return scratch.withUnsafeMutableBufferPointer { scratch in
                // [shingles | sort spare | anchors], each part as long as the buffer needs.
                let shingles = UnsafeMutableBufferPointer(rebasing: scratch[0..<count])
                let spare = UnsafeMutableBufferPointer(rebasing: scratch[count..<(2 * count)])
                let anchors = UnsafeMutableBufferPointer(rebasing: scratch[(2 * count)...])
                let distinct = ShingleSet.sortedUnique(hashes, into: shingles, spare: spare)
                let anchorCount = winnowing.anchors(of: hashes, into: anchors)
                return SimilaritySketch(
                    bandKeys: UnsafeBufferPointer(bandKeys),
                    shingles: UnsafeBufferPointer(rebasing: shingles[..<distinct]),
                    anchors: UnsafeBufferPointer(rebasing: anchors[..<anchorCount]))
            }
        }
    }

    /// The MinHash signature of a key, for tests and tools.
    public mutating func signature(ofKey key: [UInt8]) -> MinHashSignature {
        key.withUnsafeBufferPointer { input in
            shingler.withShingleHashes(of: input) { self.minHasher.signature(of: $0) }
        }
    }
}
