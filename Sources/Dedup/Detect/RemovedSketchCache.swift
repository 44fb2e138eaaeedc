/// The sketches of recently removed near repeats and fragments, by exact key, in a fixed number
/// of slots (a new key overwrites whatever shared its slot).
///
/// Why: an analyzer defers the sketch of a paragraph whose key an earlier document had
/// (`DocumentAnalyzer.defersRepeatedSketches`), betting that the earlier copy was kept and this
/// one goes as its exact repeat. When the earlier copy was itself removed as a near repeat or a
/// fragment — a scraped teaser or caption repeated across pages — the planner needs the sketch
/// after all; on the news-like corpus that was a third of the planning time when every one was
/// recomputed. A sketch depends only on the key, so the removed copy's sketch is the one needed.
///
/// Memory: 2^slotsLog2 slots of 40 bytes, plus the sketches they hold (a few hundred bytes to a
/// few KB each): about 20 MB at the default 2¹⁴ slots when all are full.
struct RemovedSketchCache: Sendable {
    private struct Slot: Sendable {
        var key: Hash128
        var sketch: SimilaritySketch?
    }

    private var slots: [Slot] = []
    private let mask: Int

    init(slotsLog2: Int = 14) {
        mask = (1 << slotsLog2) - 1
    }

    func sketch(for key: Hash128) -> SimilaritySketch? {
        guard !slots.isEmpty else { return nil }
        let slot = slots[Int(truncatingIfNeeded: key.low) & mask]
        return slot.key == key ? slot.sketch : nil
    }

    mutating func insert(_ sketch: SimilaritySketch, for key: Hash128) {
        if slots.isEmpty { slots = Array(repeating: Slot(key: Hash128(high: 0, low: 0), sketch: nil), count: mask + 1) }
        slots[Int(truncatingIfNeeded: key.low) & mask] = Slot(key: key, sketch: sketch)
    }
}
