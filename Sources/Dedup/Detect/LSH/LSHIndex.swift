/// Band key → the kept paragraphs whose signature has that band: the candidate generator for
/// near duplicates.
///
/// Representation: a `HashChainTable` holding all bands (the band number is part of each key), so
/// a paragraph costs `bands` table values (8 bytes each) plus up to two 16-byte slots per distinct
/// key — about 40 bytes per band, ≈ 640 bytes per paragraph at 16 bands when most bands are
/// unique. A band collision is only a candidate: `KeptParagraphIndex` verifies exact Jaccard
/// before anything is removed.
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

    private var table = HashChainTable(compacts: false)

    /// Bytes held by the index (allocated capacity).
    var storageBytes: Int { table.storageBytes }

    /// Records kept paragraph `kept` under each of its band keys.
    mutating func insert(bandKeys: UnsafeBufferPointer<UInt64>, kept: Int32) {
        for key in bandKeys { table.insert(key, kept) }
    }

    /// Starts loading the slots `forEachCandidate(bandKeys:)` and `insert(bandKeys:)` probe first.
    func prefetch(bandKeys: UnsafeBufferPointer<UInt64>) {
        for key in bandKeys { table.prefetch(key) }
    }

    /// Calls `body` with every kept paragraph sharing a band with `bandKeys` (possibly more than
    /// once), newest first within a band.
    func forEachCandidate(bandKeys: UnsafeBufferPointer<UInt64>, _ body: (Int32) -> Void) {
        prefetch(bandKeys: bandKeys)
        for key in bandKeys { table.forEach(key, limit: Self.chainLimit, body) }
    }
}
