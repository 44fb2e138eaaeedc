/// Anchor → the kept paragraphs holding it: the candidate generator for fragments.
///
/// Representation: a `HashChainTable`. With the default window about 22 % of a kept paragraph's
/// shingles are anchors; an anchor held by one paragraph costs its slot (two to four 12-byte
/// slots as the table is half to a quarter full), each further holder 8 bytes more (and 8 for
/// the first, which then moves out of the slot): roughly 5–10 bytes per kept shingle.
/// Candidates are verified against exact containment before anything is removed.
///
/// Worst case: an anchor shared by many kept paragraphs (boilerplate) makes a query walk a long
/// chain; each walk stops after `chainLimit` entries, newest first.
struct ContainmentIndex: Sendable {
    static let chainLimit = 48

    private var table = HashChainTable<CountedChainSlot>()

    /// Bytes held by the index (allocated capacity).
    var storageBytes: Int { table.storageBytes }

    /// Expects the index to end up holding `factor` times the anchors it holds now (see
    /// `HashChainTable.expectedKeys`).
    mutating func expectGrowth(by factor: Double) {
        table.expectGrowth(by: factor)
    }

    mutating func insert(anchors: UnsafeBufferPointer<UInt32>, kept: Int32) {
        for anchor in anchors { table.insert(anchor, kept) }
    }

    /// Starts loading where `holders(of: anchor)` will look (see `HashChainTable.prefetch`).
    func prefetch(_ anchor: UInt32) {
        table.prefetch(anchor)
    }

    /// The kept paragraphs holding `anchor`: their count, and where to walk them (one probe, no
    /// chain walk).
    func holders(of anchor: UInt32) -> HashChainTable<CountedChainSlot>.Chain {
        table.chain(anchor)
    }

    /// Calls `body` with the kept paragraphs of `holders`, newest first, at most `chainLimit`.
    func forEachHolder(in holders: HashChainTable<CountedChainSlot>.Chain, _ body: (Int32) -> Void) {
        table.forEach(in: holders, limit: Self.chainLimit, body)
    }
}
