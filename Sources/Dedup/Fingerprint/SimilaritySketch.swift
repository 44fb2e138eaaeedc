import CICU

/// What near-duplicate and fragment detection keep of a paragraph: no text, only hashes.
///
/// Design note. The three parts live in one array: the band keys first, then the shingle set and
/// the anchors as 32-bit values packed two to a word. One allocation per sketch instead of three:
/// sketches are made by the analysis workers and freed by whichever worker finishes the window,
/// and with two jobs glibc's arena lock on those cross-thread frees was 97 % of a news-like run's
/// context switches (measured with `perf record -e context-switches`).
///
/// Bytes per paragraph (what a batch plan holds): the band keys, 8 bytes per band (80 at the
/// default 10 bands); the shingle set, 4 bytes per distinct shingle; the anchors, 4 bytes each for
/// about 2/9 of the shingles; plus one 32-byte array header. A 40-character Chinese paragraph
/// (36 shingles) takes about 80 + 144 + 32 + 32 ≈ 290 bytes.
public struct SimilaritySketch: Sendable, Equatable {
    /// `[band keys | shingles, anchors as UInt32 pairs]`; the last word's high half is zero when
    /// the 32-bit values are odd in number.
    private var storage: [UInt64]
    private var bandCount: Int32
    private var shingleCount: Int32
    private var anchorCount: Int32

    /// The three parts of a sketch, valid only inside `withParts`.
    public struct Parts {
        /// The LSH band keys of the MinHash signature.
        public var bandKeys: UnsafeBufferPointer<UInt64>
        /// The distinct 32-bit shingle hashes, ascending (a `ShingleSet`'s values), for exact
        /// Jaccard and containment.
        public var shingles: UnsafeBufferPointer<UInt32>
        /// Winnowing anchors, distinct and ascending, for finding the paragraph a fragment lies inside.
        public var anchors: UnsafeBufferPointer<UInt32>
    }

    public init(shingles: ShingleSet, bandKeys: [UInt64], anchors: [UInt32]) {
        self = shingles.hashes.withUnsafeBufferPointer { shingles in
            bandKeys.withUnsafeBufferPointer { bandKeys in
                anchors.withUnsafeBufferPointer { anchors in
                    SimilaritySketch(bandKeys: bandKeys, shingles: shingles, anchors: anchors)
                }
            }
        }
    }

    /// A sketch holding copies of the three parts (`shingles` ascending and distinct, as are `anchors`).
    init(bandKeys: UnsafeBufferPointer<UInt64>, shingles: UnsafeBufferPointer<UInt32>, anchors: UnsafeBufferPointer<UInt32>) {
        let bands = bandKeys.count
        let values = shingles.count + anchors.count
        storage = [UInt64](unsafeUninitializedCapacity: bands + (values + 1) / 2) { words, initialized in
            _ = words.initialize(fromContentsOf: bandKeys)
            let tail = UnsafeMutableBufferPointer(rebasing: words[bands...])
            if let last = tail.indices.last { tail[last] = 0 }  // the unused high half of an odd count
            tail.withMemoryRebound(to: UInt32.self) { packed in
                _ = UnsafeMutableBufferPointer(rebasing: packed[..<shingles.count]).initialize(fromContentsOf: shingles)
                _ = UnsafeMutableBufferPointer(rebasing: packed[shingles.count..<values]).initialize(fromContentsOf: anchors)
            }
            initialized = bands + (values + 1) / 2
        }
        // Counts are bounded by the paragraph size limit (`InputHandling.maxParagraphBytes`).
        bandCount = Int32(clamping: bands)
        shingleCount = Int32(clamping: shingles.count)
        anchorCount = Int32(clamping: anchors.count)
    }

    /// Calls `body` with the sketch's parts, read in place.
    @inline(__always)
    public func withParts<R>(_ body: (Parts) -> R) -> R {
        let bands = Int(bandCount), shingleCount = Int(shingleCount), anchorCount = Int(anchorCount)
        return storage.withUnsafeBufferPointer { words in
            let tail = UnsafeBufferPointer(rebasing: words[bands...])
            return tail.withMemoryRebound(to: UInt32.self) { packed in
                body(Parts(
                    bandKeys: UnsafeBufferPointer(rebasing: words[..<bands]),
                    shingles: UnsafeBufferPointer(rebasing: packed[..<shingleCount]),
                    anchors: UnsafeBufferPointer(rebasing: packed[shingleCount..<(shingleCount + anchorCount)])))
            }
        }
    }

    /// Asks the CPU to start loading the sketch's first words (its band keys, then its shingles):
    /// the planner issues it two paragraphs ahead, because with several jobs the sketch was
    /// written by another core and reading it would otherwise stall. A hint only.
    func prefetch() {
        storage.withUnsafeBufferPointer { words in
            guard let base = words.baseAddress else { return }
            // 3 cache lines: the 16 band keys and the first shingles; all inside the array.
            for line in stride(from: 0, to: min(words.count, 24), by: 8) { dedup_prefetch(base + line) }
        }
    }

    /// How many distinct shingles the paragraph has.
    public var shingleSetCount: Int { Int(shingleCount) }

    /// The shingle set, as a copy (for tests and tools; detection reads it in place with `withParts`).
    public var shingles: ShingleSet { withParts { ShingleSet(sortedUnique: Array($0.shingles)) } }
    /// The LSH band keys, as a copy.
    public var bandKeys: [UInt64] { withParts { Array($0.bandKeys) } }
    /// The winnowing anchors, as a copy.
    public var anchors: [UInt32] { withParts { Array($0.anchors) } }
}
