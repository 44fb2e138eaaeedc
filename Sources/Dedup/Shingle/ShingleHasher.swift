/// Character n-gram shingles of a match key, hashed to 64 bits, in text order.
///
/// Design note. The match key is NFKC_Casefold text with punctuation and spaces already dropped,
/// so a shingle is `n` consecutive Unicode scalars of the key — for Han, kana and Hangul as for
/// Latin (where the n-grams run across the dropped word boundaries). Working on scalars (not
/// bytes) keeps one Chinese character worth one position. The key is decoded once into a reused
/// scratch buffer of scalars; hashes go to a second reused buffer; nothing is allocated per
/// shingle or, once the buffers are large enough, per paragraph.
///
/// The hash is specified so that a JVM (Spark) port reproduces it bit for bit with `long`
/// arithmetic: for a window of `k` scalars `c₀…c_{k−1}`,
/// `h = seed ^ (k · 0x9E3779B97F4A7C15)`; for each scalar `h = (h ^ c) · 0x9E3779B97F4A7C15`
/// (wrapping); the shingle hash is `MurmurHash3.fmix64(h)`. Each step is a bijection of `h`, so
/// two different windows of the same length differ before the final mix.
///
/// A key with fewer than `n` scalars (including the empty key) yields exactly one shingle: the
/// whole key, whose hash includes its length. So a short paragraph never has an empty set, and two
/// different short paragraphs never share a set.
///
/// The default `n` (5) was chosen by measurement on the bench corpora; see `NearDuplicateOptions`.
public struct ShingleHasher: Sendable {
    /// Scalars per shingle.
    public let n: Int
    public let seed: UInt64
    private var scalars: [UInt32] = []
    private var hashes: [UInt64] = []

    static let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// - Precondition: `n >= 1` (validated by the configuration's users).
    public init(n: Int, seed: UInt64) {
        self.n = max(1, n)
        self.seed = seed
    }

    /// Calls `body` with the hashes of every shingle of `key` in text order (duplicates kept; at
    /// least one). The buffer is only valid inside `body`.
    /// - Complexity: O(k·n) for a key of k scalars; no allocation once the scratch buffers fit.
    public mutating func withShingleHashes<R>(
        of key: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt64>) -> R
    ) -> R {
        if scalars.count < key.count { scalars = [UInt32](repeating: 0, count: key.count + 64) }
        let count = scalars.withUnsafeMutableBufferPointer { out -> Int in
            var i = 0
            var written = 0
            let end = key.count
            while i < end {
                let (scalar, length) = UTF8Scalar.decode(key, at: i, end: end)
                out[written] = scalar
                written += 1
                i += length
            }
            return written
        }
        let (n, seed) = (n, seed)
        let shingles = scalars.withUnsafeBufferPointer {
            Self.hash(UnsafeBufferPointer(rebasing: $0[0..<count]), n: n, seed: seed, into: &hashes)
        }
        return hashes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[0..<shingles])) }
    }

    /// `withShingleHashes(of:)` for a key already decoded to its scalars (the match key's fast
    /// path gives them: `dedup_icu_match_key_with_scalars`).
    public mutating func withShingleHashes<R>(
        ofScalars chars: UnsafeBufferPointer<UInt32>, _ body: (UnsafeBufferPointer<UInt64>) -> R
    ) -> R {
        let shingles = Self.hash(chars, n: n, seed: seed, into: &hashes)
        return hashes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[0..<shingles])) }
    }

    /// Writes the shingle hashes of `chars` to the start of `hashes` (grown as needed) and
    /// returns how many there are.
    private static func hash(_ chars: UnsafeBufferPointer<UInt32>, n: Int, seed: UInt64, into hashes: inout [UInt64]) -> Int {
        let count = chars.count
        let window = min(n, count)
        let shingles = count < n ? 1 : count - n + 1
        if hashes.count < shingles { hashes = [UInt64](repeating: 0, count: shingles + 64) }
        let start = seed ^ (UInt64(window) &* multiplier)
        hashes.withUnsafeMutableBufferPointer { out in
            for s in 0..<shingles {
                var h = start
                for k in s..<(s + window) {
                    // Wrapping multiply by an odd constant: a bijection, as specified above.
                    h = (h ^ UInt64(chars[k])) &* multiplier
                }
                out[s] = MurmurHash3.fmix64(h)
            }
        }
        return shingles
    }

    /// The hashes as an array, for tests and tools.
    public mutating func shingleHashes(of key: [UInt8]) -> [UInt64] {
        key.withUnsafeBufferPointer { input in withShingleHashes(of: input) { Array($0) } }
    }
}
