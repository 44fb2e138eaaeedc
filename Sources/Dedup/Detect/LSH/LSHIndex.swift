/// Band key → the kept paragraphs whose signature has that band: the candidate generator for
/// near duplicates.
///
/// Representation: one dictionary from band key to the newest entry, and a flat array of entries
/// chained to older ones (`next`), so a paragraph costs `bands` dictionary slots and `bands`
/// 8-byte entries — about 30 bytes per band with the table's slack (≈ 480 bytes per paragraph at
/// 16 bands), no per-key arrays. A band collision is only a candidate: `KeptParagraphIndex`
/// verifies exact Jaccard before anything is removed.
///
/// Worst case: a band key shared by many kept paragraphs (boilerplate that is similar but under
/// the threshold) makes a query walk a long chain; each walk stops after `chainLimit` entries,
/// newest first, which keeps the index linear at the cost of missing a match older than that.
struct LSHIndex: Sendable {
    private struct Entry: Sendable {
        var kept: Int32
        var next: Int32
    }

    static let chainLimit = 512

    private var heads: [UInt64: Int32] = [:]
    private var entries: [Entry] = []

    /// Records kept paragraph `kept` under each of its band keys.
    mutating func insert(bandKeys: [UInt64], kept: Int32) {
        for key in bandKeys {
            let next = heads[key] ?? -1
            heads[key] = Int32(entries.count)
            entries.append(Entry(kept: kept, next: next))
        }
    }

    /// Calls `body` with every kept paragraph sharing a band with `bandKeys` (possibly more than
    /// once), newest first within a band.
    func forEachCandidate(bandKeys: [UInt64], _ body: (Int32) -> Void) {
        for key in bandKeys {
            guard var cursor = heads[key] else { continue }
            var walked = 0
            while cursor >= 0 && walked < Self.chainLimit {
                let entry = entries[Int(cursor)]
                body(entry.kept)
                cursor = entry.next
                walked += 1
            }
        }
    }
}
