import Testing
@testable import Dedup

/// Cleaning cleaned text again changes nothing but, possibly, cut-paragraph rejoining: a paragraph
/// whose continuation was removed as a repeat may read as cut before its new neighbour (README,
/// Normalization step 7). The fuzzer found such an input; every other step must be idempotent on it.
@Suite struct RecleanTests {
    @Test func everyStepButRejoiningIsIdempotentOnCleanedText() throws {
        let raw = try Fixtures.bytes(Fixtures.repositoryRoot.appendingPathComponent("Fuzz/regressions/reclean-rejoins-new-neighbours.txt").path)
        var first = CleaningPipeline()
        let once = first.clean(raw, id: DocumentID("a")).output
        var configuration = DedupConfiguration.default
        configuration.normalization.rejoin = false
        var second = CleaningPipeline(configuration: configuration)
        #expect(second.clean(once, id: DocumentID("b")).output == once)
    }
}
