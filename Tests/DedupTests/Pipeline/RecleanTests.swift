import Testing
@testable import Dedup

/// Cleaning is idempotent with cut-paragraph rejoining off. With it on, a second run may do more:
/// join a paragraph whose continuation was removed as a repeat with its new neighbour, or find a
/// later paragraph inside a rejoined one (README, Normalization step 7). The fuzzer found both
/// shapes; these inputs pin the invariant that holds.
@Suite struct RecleanTests {
    @Test(arguments: [
        "reclean-rejoins-new-neighbours.txt", "reclean-rejoined-container.txt",
        // `）` + U+200F: quote repair removed the stray bracket and left an invisible paragraph,
        // which the second run's splitter saw as a blank line.
        "reclean-repair-leaves-invisible-paragraph.txt",
        // `“((\xA2"諁p)://()`: removing a stray `（` gave an ASCII `(` a new neighbour, and the
        // second run converted it (and its partner) to full width and removed them as strays.
        "reclean-repair-changes-bracket-context.txt",
        // The fuzzer's original input for the same finding (dozens of ASCII brackets, a NUL).
        "reclean-many-ascii-brackets.txt",
    ])
    func cleaningWithoutRejoiningIsIdempotent(file: String) throws {
        let raw = try Fixtures.bytes(Fixtures.repositoryRoot.appendingPathComponent("Fuzz/regressions/\(file)").path)
        var configuration = DedupConfiguration.default
        configuration.normalization.rejoin = false
        var first = CleaningPipeline(configuration: configuration)
        let once = first.clean(raw, id: DocumentID("a")).output
        var second = CleaningPipeline(configuration: configuration)
        #expect(second.clean(once, id: DocumentID("b")).output == once)
    }

    /// A repair that changes the context of ASCII punctuation is followed by normalizing and
    /// balancing again, so the output is settled: here the `(` inside the quotation becomes `（`
    /// once its neighbour `（` is gone, and is removed as stray in the same run, with both repairs
    /// reported.
    @Test func aRepairThatChangesBracketContextIsSettledInOneRun() {
        var pipeline = CleaningPipeline()
        let cleaned = pipeline.clean(Array("“((\u{FFFD}\"諁p)://()".utf8), id: DocumentID("d"))
        #expect(String(decoding: cleaned.output, as: UTF8.self) == "“\u{FFFD}”諁p://(\n")
        #expect(cleaned.repairs.map(\.repair.action) == [.removed, .removed, .removed, .removed])
    }

    /// A paragraph left with nothing visible once its stray marks are removed is dropped, like
    /// one left empty, with the repair reported.
    @Test func aParagraphLeftInvisibleByQuoteRepairIsDropped() {
        var pipeline = CleaningPipeline()
        let cleaned = pipeline.clean(Array("第一段，正文。\n\n）\u{200F}\n\n第二段，正文。\n".utf8), id: DocumentID("d"))
        #expect(String(decoding: cleaned.output, as: UTF8.self) == "第一段，正文。\n\n第二段，正文。\n")
        #expect(cleaned.repairs.count == 1)
    }
}
