/// Band key → the kept paragraphs whose signature has that band: the candidate generator for
/// near duplicates.
///
/// Representation: a `HashChainTable` holding all bands (the band number is part of each key). A
/// band key held by one paragraph lives in its slot alone, two to four 8-byte slots as the table
/// is half to a quarter full; a key shared by several adds 8 bytes per paragraph. Almost every
/// band key is unique, so a paragraph costs ≈ 16–32 bytes per band, 160–320 at 10 bands. A band
/// collision is only a candidate: `KeptParagraphIndex` verifies exact Jaccard before anything is
/// removed.
///
/// Worst case: a band key shared by many kept paragraphs (boilerplate that is similar but under
/// the threshold) makes a query walk a long chain; each walk stops after `chainLimit` entries,
/// newest first, which keeps the index linear at the cost of missing a match older than that.
///
/// The table does not rewrite its chains for locality as it grows (`compacts: false`): almost
/// every band key is held by one paragraph (news-like: 0.5 candidates per query), so the rewrite
/// only copied entries — 2 % of a zh run.
struct LSHIndex: Sendable {
    static let chainLimit = 512

    private var table = HashChainTable<ChainSlot8>(compacts: false)

    /// Bytes held by the index (allocated capacity).
    var storageBytes: Int { table.storageBytes }

    /// Expects the index to end up holding `factor` times the band keys it holds now (see
    /// `HashChainTable.expectedKeys`).
    mutating func expectGrowth(by factor: Double) {
        table.expectGrowth(by: factor)
    }

    /// Records kept paragraph `kept` under each of its band keys.
    mutating func insert(bandKeys: UnsafeBufferPointer<UInt64>, kept: Int32) {
        for key in bandKeys { table.insert(Self.key(key), kept) }
    }

    /// Starts loading the slots `forEachCandidate(bandKeys:)` and `insert(bandKeys:)` probe first.
    func prefetch(bandKeys: UnsafeBufferPointer<UInt64>) {
        for key in bandKeys { table.prefetch(Self.key(key)) }
    }

    /// Calls `body` with every kept paragraph sharing a band with `bandKeys` (possibly more than
    /// once), newest first within a band.
    func forEachCandidate(bandKeys: UnsafeBufferPointer<UInt64>, _ body: (Int32) -> Void) {
        prefetch(bandKeys: bandKeys)
        for key in bandKeys { table.forEach(Self.key(key), limit: Self.chainLimit, body) }
    }

    /// The table key of a band key: its high half. Two band keys sharing it (about one pair in
    /// 2³² per comparison) only add a candidate, which verification rejects unless it is similar.
    @inline(__always)
    static func key(_ bandKey: UInt64) -> UInt32 {
        UInt32(truncatingIfNeeded: bandKey >> 32)
    }
}
