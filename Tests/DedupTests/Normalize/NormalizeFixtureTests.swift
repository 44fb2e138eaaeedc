import Foundation
import Testing
@testable import Dedup

/// Golden tests over `fixtures/normalize/<case>/input.txt` → `expected.txt` (`dedup normalize`
/// with the default options; `traditional-to-simplified` also converts to Simplified).
/// Re-record with DEDUP_RECORD_GOLDEN=1 and read the diff.
@Suite struct NormalizeFixtureTests {
    static let cases = [
        "mixed-chinese-english", "numbers-and-times", "urls-and-emails", "latin-abbreviations",
        "nested-and-broken-quotes", "halfwidth-katakana", "whitespace-and-invisible",
        "hard-wrapped-lines", "cut-paragraphs", "traditional-to-simplified", "cut-paragraph-precision",
    ]

    static func options(for name: String) -> NormalizationOptions {
        var options = DedupConfiguration.default.normalization
        if name == "traditional-to-simplified" { options.toSimplified = true }
        return options
    }

    @Test(arguments: cases)
    func fixtureMatchesGolden(_ name: String) throws {
        let input = try Fixtures.bytes(Fixtures.url("normalize/\(name)/input.txt").path)
        var normalizer = TextNormalizer(options: Self.options(for: name))
        let output = normalizer.normalize(input).output
        try Golden.check(output, against: "normalize/\(name)/expected.txt")
    }

    @Test(arguments: cases)
    func normalizingTheExpectedOutputChangesNothing(_ name: String) throws {
        let expected = try Fixtures.bytes(Fixtures.url("normalize/\(name)/expected.txt").path)
        var normalizer = TextNormalizer(options: Self.options(for: name))
        let again = normalizer.normalize(expected)
        #expect(again.output.utf8String == expected.utf8String)
        #expect(again.repairs.isEmpty)
    }

    /// The false joins an audit of the zh corpus found (attributions, definition lists, clauses
    /// without a final mark, mixed-script fields, license records) stay apart; only the one real
    /// cut in the fixture (`…wrote the original` + `software. …`) is rejoined.
    @Test func onlyTheRealCutOfThePrecisionFixtureIsRejoined() throws {
        let input = try Fixtures.bytes(Fixtures.url("normalize/cut-paragraph-precision/input.txt").path)
        var normalizer = TextNormalizer(options: Self.options(for: "cut-paragraph-precision"))
        let result = normalizer.normalize(input)
        #expect(result.counts.paragraphsRejoined == 1)
        #expect(result.paragraphsOut == result.paragraphsIn - 1)
    }

    @Test func everyFixtureDirectoryIsListed() throws {
        let directory = Fixtures.url("normalize").path
        let found = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        #expect(found == Self.cases.sorted())
    }
}
