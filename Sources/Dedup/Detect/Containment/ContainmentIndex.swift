/// Anchor → the kept paragraphs holding it: the candidate generator for fragments.
///
/// Representation as in `LSHIndex`: a dictionary from anchor to the newest entry and a flat array
/// of 8-byte entries chained to older ones. With the default window about a third of a kept
/// paragraph's shingles are anchors, so the index costs roughly 8 bytes per kept shingle (one
/// slot and one entry per anchor, with slack). Candidates are verified against exact containment
/// before anything is removed.
///
/// Worst case: an anchor shared by many kept paragraphs (boilerplate) makes a query walk a long
/// chain; each walk stops after `chainLimit` entries, newest first.
struct ContainmentIndex: Sendable {
    private struct Entry: Sendable {
        var kept: Int32
        var next: Int32
    }

    static let chainLimit = 256

    private var heads: [UInt32: Int32] = [:]
    private var entries: [Entry] = []

    mutating func insert(anchors: [UInt32], kept: Int32) {
        for anchor in anchors {
            let next = heads[anchor] ?? -1
            heads[anchor] = Int32(entries.count)
            entries.append(Entry(kept: kept, next: next))
        }
    }

    /// Calls `body` once per (anchor, kept paragraph holding it) pair, newest first per anchor.
    func forEachHolder(of anchors: [UInt32], _ body: (Int32) -> Void) {
        for anchor in anchors {
            guard var cursor = heads[anchor] else { continue }
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
