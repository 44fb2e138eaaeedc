import Testing
@testable import Dedup

/// Cleaning is idempotent with cut-paragraph rejoining off. With it on, a second run may do more:
/// join a paragraph whose continuation was removed as a repeat with its new neighbour, or find a
/// later paragraph inside a rejoined one (README, Normalization step 7). The fuzzer found both
/// shapes; these inputs pin the invariant that holds.
@Suite struct RecleanTests {
    @Test(arguments: ["reclean-rejoins-new-neighbours.txt", "reclean-rejoined-container.txt"])
    func cleaningWithoutRejoiningIsIdempotent(file: String) throws {
        let raw = try Fixtures.bytes(Fixtures.repositoryRoot.appendingPathComponent("Fuzz/regressions/\(file)").path)
        var configuration = DedupConfiguration.default
        configuration.normalization.rejoin = false
        var first = CleaningPipeline(configuration: configuration)
        let once = first.clean(raw, id: DocumentID("a")).output
        var second = CleaningPipeline(configuration: configuration)
        #expect(second.clean(once, id: DocumentID("b")).output == once)
    }
}
