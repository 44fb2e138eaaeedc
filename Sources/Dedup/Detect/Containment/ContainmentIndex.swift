/// Anchor → the kept paragraphs holding it: the candidate generator for fragments.
///
/// Representation: a `HashChainTable`. With the default window about 22 % of a kept paragraph's
/// shingles are anchors, each costing an 8-byte value and up to two 16-byte slots — roughly
/// 9 bytes per kept shingle. Candidates are verified against exact containment before anything
/// is removed.
///
/// Worst case: an anchor shared by many kept paragraphs (boilerplate) makes a query walk a long
/// chain; each walk stops after `chainLimit` entries, newest first.
struct ContainmentIndex: Sendable {
    static let chainLimit = 256

    private var table = HashChainTable()

    mutating func insert(anchors: [UInt32], kept: Int32) {
        // Anchors are the high halves of mixed 64-bit hashes; spread them over the whole key so
        // the table's low-bit slot choice stays uniform.
        for anchor in anchors { table.insert(UInt64(anchor) &* 0x9E37_79B9_7F4A_7C15, kept) }
    }

    /// How many of `anchors` some kept paragraph holds (one probe each, no chain walk).
    func presentCount(of anchors: [UInt32]) -> Int {
        var present = 0
        for anchor in anchors where table.count(UInt64(anchor) &* 0x9E37_79B9_7F4A_7C15) > 0 { present += 1 }
        return present
    }

    /// Calls `body` once per (anchor, kept paragraph holding it) pair, newest first per anchor.
    func forEachHolder(of anchors: [UInt32], _ body: (Int32) -> Void) {
        for anchor in anchors {
            table.forEach(UInt64(anchor) &* 0x9E37_79B9_7F4A_7C15, limit: Self.chainLimit, body)
        }
    }
}
