import CICU

/// Everything known about the paragraphs kept so far, and the one question detection asks of it:
/// does this paragraph repeat a kept one — exactly, nearly, or as a fragment?
///
/// Order of checks: the exact key — of a kept paragraph, or of one removed earlier, whose match
/// a repeat of it takes over unchanged (see `removedMatches`); then near duplicates, where LSH band collisions are candidates
/// and the best exact shingle Jaccard ≥ threshold wins (ties to the earliest kept paragraph);
/// then fragments, where shared winnowing anchors are candidates and the FIRST verified candidate
/// in walk order (rarest anchor first, newest holder first within an anchor) whose exact
/// containment is ≥ the containment threshold, in a kept paragraph at least as large, wins.
/// Nothing is removed on a band or anchor collision alone. Whether a paragraph is removed depends
/// only on whether any candidate passes, so taking the first (not the best) container changes
/// no decision, only which container the report names; it skips most of the anchor walks and
/// verifications of a fragment. Walk orders are fixed, so results never depend on hash-table
/// layout.
///
/// Memory per kept paragraph: its `ParagraphRef` (24 bytes), its 48-byte record (arena start,
/// size, stamp, 256-bit `ShingleMask`), its shingle set in the arena (4 bytes per shingle, no
/// header; a set of 128 shingles or more also has a `ShingleBitmap` there, 0.25–0.5 bytes per
/// shingle, which rejects most fragment candidates without a merge), its LSH band keys (≈ 16–32
/// bytes per band when the key is unique, as almost all are: see `LSHIndex`), its anchors
/// (≈ 5–10 bytes per shingle, `ContainmentIndex`) and its exact-key bucket (≈ 27 bytes with the
/// dictionary's slack). Per distinct removed near repeat or
/// fragment: its exact-key bucket and its 16-byte match. Measured with
/// `DuplicateDetector.indexFootprint` (allocated capacity, growth slack included; `--stats`
/// `index`) after the concatenated bench corpora: 940 bytes per kept paragraph on zh
/// (60 777 kept, 57 MB), 2 695 on licenses (8 152 kept, 22 MB; long paragraphs), 1 524 on
/// news-like (54 086 kept, 82 MB).
struct KeptParagraphIndex: Sendable {
    let threshold: Double
    let containment: Double?

    /// What a candidate check reads of a kept paragraph, in one 48-byte record: where its shingle
    /// set starts in `shingles`, its size, the query that last saw it (so each candidate is
    /// verified once), and its `ShingleMask`.
    private struct Kept: Sendable {
        var start: Int
        var size: Int32
        var stamp: UInt32
        /// Rejects most containment candidates that cannot pass without reading their shingles.
        var mask: ShingleMask
    }

    /// Exact key → its paragraph: a kept number (≥ 0), or `~i` for `removedMatches[i]`.
    private var exact = ExactDuplicateIndex<Int32>()
    /// The matches of the removed near repeats and fragments, one per distinct exact key: a
    /// later paragraph with the same key is removed with the same match (reason, kept
    /// paragraph, similarity) without a query.
    ///
    /// Why: the index only grows, so that match still holds, but a fresh query could name
    /// another kept paragraph (a newer container comes first in its chain) or, rarely, miss the
    /// container altogether (the anchor walk depends on chain lengths, which grow) and keep a
    /// paragraph whose identical copy was removed. On the news-like tree 9 697 queries repeated a
    /// removed paragraph (12 % of the planning time), and 11 such copies were kept.
    private var removedMatches: [ParagraphMatch] = []
    private(set) var refs: [ParagraphRef] = []
    private var kept = HugePageArray<Kept>()
    private var shingles = ShingleArena()
    private var lsh = LSHIndex()
    private var anchors = ContainmentIndex()
    private var query: UInt32 = 0
    /// Scratch: the candidates of one query, in walk order.
    private var candidates: [Int32] = []
    /// Scratch: the query's anchors present in the index, with their holders.
    /// `order` is the holder count in the high half and the anchor in the low half: ascending
    /// order is rarest first, ties by anchor, and no two are equal (the anchors are distinct).
    private var rarest: [(order: UInt64, holders: HashChainTable<CountedChainSlot>.Chain)] = []

    init(options: NearDuplicateOptions) {
        threshold = options.threshold
        containment = options.containment
    }

    /// How many paragraphs are kept.
    var count: Int { refs.count }

    /// Bytes held by the index's own arrays (allocated capacity; not the strings of document names).
    var storageBytes: Int {
        refs.capacity * MemoryLayout<ParagraphRef>.stride + kept.storageBytes
            + shingles.storageBytes + lsh.storageBytes + anchors.storageBytes
            + exact.storageBytes + removedMatches.capacity * MemoryLayout<ParagraphMatch>.stride
    }

    /// Expects the index to end up `factor` times as large as it is now: its hash tables then
    /// grow straight towards that size (see `HashChainTable.grow`). A hint: no result changes.
    mutating func expectGrowth(by factor: Double) {
        lsh.expectGrowth(by: factor)
        anchors.expectGrowth(by: factor)
    }

    /// Starts loading the table slots `decide` will probe first for `fingerprint` — its exact key,
    /// band keys and anchors — so a caller can issue them one paragraph ahead and the misses of
    /// the next paragraph overlap this one's work. A hint only: it changes no result.
    func prefetch(_ fingerprint: ParagraphFingerprint) {
        exact.prefetch(fingerprint.exactKey)
        guard let sketch = fingerprint.sketch else { return }  // deferred: most likely an exact repeat
        sketch.withParts { parts in
            lsh.prefetch(bandKeys: parts.bandKeys)
            if containment != nil {
                for anchor in parts.anchors { anchors.prefetch(anchor) }
            }
        }
    }

    /// One step of keep-first planning: the match that removes `fingerprint`, or nil after
    /// recording it as kept. A paragraph with fewer than `minimumCharacters` significant
    /// characters is never removed: it is only checked for an exact key (to avoid storing it
    /// twice) and otherwise kept. A paragraph whose exact key an earlier removed near repeat or
    /// fragment had is removed with that one's match (`removedMatches`).
    /// - Parameter deferredSketch: the paragraph's sketch when its fingerprint has none
    ///   (`ParagraphFingerprint.sketch`); called only when the exact key is new to the index.
    mutating func decide(
        _ fingerprint: ParagraphFingerprint, as ref: ParagraphRef, minimumCharacters: Int,
        deferredSketch: () -> SimilaritySketch
    ) -> ParagraphMatch? {
        let removable = fingerprint.significantCharacters >= minimumCharacters
        if let holder = exact.lookup(fingerprint.exactKey) {
            // A removed paragraph was removable, and the same key has the same significant characters.
            if holder < 0 { return removedMatches[Int(~holder)] }
            return removable ? ParagraphMatch(reason: .exact, kept: holder, similarity: 1.0) : nil
        }
        let sketch = fingerprint.sketch ?? deferredSketch()
        return sketch.withParts { parts in
            if removable, let found = similarMatch(parts) {
                // Fewer than 2³¹ paragraphs are planned by one index (see HashChainTable's limit).
                exact.insert(fingerprint.exactKey, ~Int32(truncatingIfNeeded: removedMatches.count))
                removedMatches.append(found)
                return found
            }
            insert(exactKey: fingerprint.exactKey, parts: parts, as: ref)
            return nil
        }
    }

    private mutating func similarMatch(_ sketch: SimilaritySketch.Parts) -> ParagraphMatch? {
        query &+= 1  // wraps after 2³² queries; a stale stamp can then only cause an extra check
        let current = query
        // Candidates are collected first and verified after, so the verification loop can ask for
        // the next candidates' shingles from memory while it checks this one.
        candidates.removeAll(keepingCapacity: true)
        lsh.forEachCandidate(bandKeys: sketch.bandKeys) { k in
            guard kept[Int(k)].stamp != current else { return }
            kept[Int(k)].stamp = current
            candidates.append(k)
        }
        if candidates.count > Self.maximumNearCandidates { keepMostSharedCandidates(sketch.bandKeys) }
        // The best Jaccard wins, ties to the earliest kept paragraph: independent of walk order.
        let threshold = threshold
        let best = verify(sketch.shingles, stopAtFirst: false) { query, set in
            ShingleSet.jaccard(query, set, atLeast: threshold).map { (RemovalReason.near, $0) }
        }
        if best != nil { return best }
        guard let containment else { return nil }

        // A fragment's anchors lie in its container's anchors (all of them when it is an exact
        // substring: its windows are the container's windows), except where an edit changes a
        // window's minimum: require half of them. Then, by pigeonhole,
        // a container holds at least one of any `present − needed + 1` of the anchors present in
        // the index, so only the chains of that many of the rarest anchors are walked.
        let needed = (sketch.anchors.count + 1) / 2
        rarest.removeAll(keepingCapacity: true)
        for anchor in sketch.anchors { anchors.prefetch(anchor) }
        for anchor in sketch.anchors {
            let holders = anchors.holders(of: anchor)
            // A chain holds fewer than 2³¹ values (see HashChainTable), so the count fits the high half.
            if holders.count > 0 { rarest.append((UInt64(holders.count) << 32 | UInt64(anchor), holders)) }
        }
        guard needed > 0, rarest.count >= needed else { return nil }
        // Rarest first: sorted when the list is short; a long one is made a heap and taken
        // from in order, since the walk stops at the first container (see `sortedAnchorsLimit`).
        let walks = rarest.count - needed + 1
        let fromHeap = rarest.count > Self.sortedAnchorsLimit
        if fromHeap { Self.makeHeap(&rarest) } else { Self.sortByOrder(&rarest) }
        var heapCount = rarest.count
        query &+= 1
        let round = query
        let size = Int32(clamping: sketch.shingles.count)
        // A candidate lacking more of the query's shingles than containment allows cannot pass:
        // its mask bound drops it here, exactly as verification would, without reading its set.
        let queryMask = ShingleMask(ascending: sketch.shingles)
        let limits = ShingleSet.ContainmentLimits(count: sketch.shingles.count, threshold: containment)
        let allowedMisses = limits.allowedMisses
        // Chain by chain: collect the chain's new candidates, then verify them (so the verification
        // loop can prefetch the next candidates' shingles). The first container that passes ends
        // the search: whether the paragraph goes depends only on whether ANY candidate passes, so
        // stopping there changes no decision, and the walks of the remaining chains are skipped.
        for step in 0..<walks {
            let holders = fromHeap ? Self.popFirst(&rarest, count: &heapCount) : rarest[step].holders
            candidates.removeAll(keepingCapacity: true)
            anchors.forEachHolder(in: holders) { k in
                guard kept[Int(k)].stamp != round else { return }
                kept[Int(k)].stamp = round
                // The larger paragraph is never removed for containing a smaller one.
                if kept[Int(k)].size >= size && queryMask.missingLowerBound(in: kept[Int(k)].mask) <= allowedMisses {
                    candidates.append(k)
                }
            }
            if candidates.isEmpty { continue }
            let found = verify(sketch.shingles, stopAtFirst: true, bitmapLimits: limits) { query, set in
                ShingleSet.containment(query, in: set, atLeast: containment).map { (RemovalReason.contained, $0) }
            }
            if found != nil { return found }
        }
        return nil
    }

    /// LSH candidates verified per query at most. Boilerplate that is similar but under the
    /// threshold (thousands of lines differing in a number) puts thousands of kept paragraphs in
    /// the query's bands, and verifying all of them made such a corpus clean at 0.5 MB/s, slower
    /// as it grew. The most similar candidates share the most bands, so those are kept. No query
    /// of the bench corpora has more than 65 candidates: the cap changes nothing there.
    static let maximumNearCandidates = 128

    /// Narrows `candidates` to the `maximumNearCandidates` sharing the most bands with the
    /// query, ties to the earliest kept paragraph. O(c log c) for c band hits; only for queries
    /// over the cap.
    private mutating func keepMostSharedCandidates(_ bandKeys: UnsafeBufferPointer<UInt64>) {
        var hits: [Int32] = []
        hits.reserveCapacity(candidates.count * 2)
        lsh.forEachCandidate(bandKeys: bandKeys) { hits.append($0) }
        hits.sort()
        var shared: [(bands: Int, kept: Int32)] = []
        shared.reserveCapacity(candidates.count)
        var i = 0
        while i < hits.count {
            var j = i + 1
            while j < hits.count && hits[j] == hits[i] { j += 1 }
            shared.append((j - i, hits[i]))
            i = j
        }
        shared.sort { $0.bands != $1.bands ? $0.bands > $1.bands : $0.kept < $1.kept }
        candidates.removeAll(keepingCapacity: true)
        for candidate in shared.prefix(Self.maximumNearCandidates) { candidates.append(candidate.kept) }
    }

    /// Anchor lists up to this long are sorted (an insertion sort); longer ones are taken from a
    /// heap. Long lists are long paragraphs (licenses: 3 600 queries of 64 to 7 258 anchors),
    /// whose walk mostly stops at the first container, 16 chains in: sorting all of them with
    /// the standard library's sort was 3.4 % of a licenses run.
    static let sortedAnchorsLimit = 64

    /// Sorts `rarest` by its distinct `order` keys: an insertion sort for the usual few dozen
    /// anchors (the standard library's sort with a closure was ~2 % of a news-like run).
    private static func sortByOrder(_ rarest: inout [(order: UInt64, holders: HashChainTable<CountedChainSlot>.Chain)]) {
        rarest.withUnsafeMutableBufferPointer { items in
            for i in items.indices.dropFirst() {
                let item = items[i]
                var j = i
                while j > 0 && items[j - 1].order > item.order { items[j] = items[j - 1]; j -= 1 }
                items[j] = item
            }
        }
    }

    /// Arranges `rarest` as a binary min-heap on `order`, in O(n).
    static func makeHeap<Holders>(_ rarest: inout [(order: UInt64, holders: Holders)]) {
        rarest.withUnsafeMutableBufferPointer { items in
            var i = items.count / 2
            while i > 0 {
                i -= 1
                siftDown(items, from: i, count: items.count)
            }
        }
    }

    /// Removes the entry of least `order` from the heap in `rarest[0..<count]` and returns its
    /// holders; the keys are distinct, so successive calls give the sorted order.
    /// - Precondition: `count > 0`.
    static func popFirst<Holders>(_ rarest: inout [(order: UInt64, holders: Holders)], count: inout Int) -> Holders {
        rarest.withUnsafeMutableBufferPointer { items in
            let first = items[0].holders
            count -= 1
            items[0] = items[count]
            siftDown(items, from: 0, count: count)
            return first
        }
    }

    private static func siftDown<Holders>(
        _ items: UnsafeMutableBufferPointer<(order: UInt64, holders: Holders)>, from start: Int, count: Int
    ) {
        var parent = start
        let item = items[parent]
        while true {
            var child = 2 * parent + 1
            if child >= count { break }
            if child + 1 < count && items[child + 1].order < items[child].order { child += 1 }
            if items[child].order >= item.order { break }
            items[parent] = items[child]
            parent = child
        }
        items[parent] = item
    }

    /// Verifies `candidates` in order with `similarity` and returns the best match: the highest
    /// similarity, ties to the earliest kept paragraph; with `stopAtFirst`, the first that passes.
    /// - Parameter bitmapLimits: for containment, the query's limits: a candidate with a
    ///   `ShingleBitmap` that already shows more misses than they allow is skipped unmerged
    ///   (verification would reject it too).
    private func verify(
        _ query: UnsafeBufferPointer<UInt32>, stopAtFirst: Bool, bitmapLimits: ShingleSet.ContainmentLimits? = nil,
        _ similarity: (UnsafeBufferPointer<UInt32>, UnsafeBufferPointer<UInt32>) -> (RemovalReason, Double)?
    ) -> ParagraphMatch? {
        var best: ParagraphMatch?
        let lookahead = 2
        shingles.withValues { all in
            kept.withUnsafeBufferPointer { kept in
                candidates.withUnsafeBufferPointer { candidates in
                    for (n, candidate) in candidates.enumerated() {
                        if n + lookahead < candidates.count, let base = all.baseAddress {
                            // The first line read: the candidate's bitmap when it has one, else its set.
                            let next = kept[Int(candidates[n + lookahead])]
                            let words = bitmapLimits == nil ? 0 : ShingleBitmap.wordCount(forSetSize: Int(next.size))
                            dedup_prefetch(base + next.start - words)
                        }
                        let record = kept[Int(candidate)]
                        if let limits = bitmapLimits,
                            let bitmap = ShingleArena.bitmap(ofSetAt: record.start, size: Int(record.size), in: all),
                            ShingleBitmap.rejects(query, in: bitmap, limits: limits)
                        {
                            continue
                        }
                        let set = UnsafeBufferPointer(rebasing: all[record.start..<(record.start + Int(record.size))])
                        guard let (reason, value) = similarity(query, set) else { continue }
                        if stopAtFirst {
                            best = ParagraphMatch(reason: reason, kept: candidate, similarity: value)
                            return
                        }
                        if let b = best, b.similarity > value || (b.similarity == value && b.kept < candidate) {
                            continue
                        }
                        best = ParagraphMatch(reason: reason, kept: candidate, similarity: value)
                    }
                }
            }
        }
        return best
    }

    /// Records a kept paragraph.
    private mutating func insert(exactKey: Hash128, parts: SimilaritySketch.Parts, as ref: ParagraphRef) {
        let number = Int32(refs.count)
        exact.insert(exactKey, number)
        refs.append(ref)
        let set = parts.shingles
        kept.append(
            Kept(start: shingles.append(set), size: Int32(clamping: set.count), stamp: 0, mask: ShingleMask(ascending: set)))
        lsh.insert(bandKeys: parts.bandKeys, kept: number)
        if containment != nil { anchors.insert(anchors: parts.anchors, kept: number) }
    }
}
