import Testing
@testable import Dedup

/// The include/exclude rules on relative paths and bare names (`GlobFilter`), matched on the
/// path's bytes.
@Suite struct GlobFilterTests {
    @Test func patternsMatchThePathOrTheBareName() {
        let filter = GlobFilter(include: ["*.txt", "notes-?.md"], exclude: ["drafts/*", "skip-*"])
        #expect(filter.includesFile("a.txt"))
        #expect(filter.includesFile("a/b/c.txt"))  // `*` also matches '/'
        #expect(filter.includesFile("deep/notes-1.md"))  // by its bare name
        #expect(!filter.includesFile("deep/notes-12.md"))
        #expect(!filter.includesFile("drafts/a.txt"))  // excluded by its path
        #expect(!filter.includesFile("x/skip-this.txt"))  // excluded by its bare name
        #expect(filter.includesFile("x/keep-skip.txt"))
        #expect(!filter.includesFile("a.text"))
        #expect(filter.excludesDirectory("skip-old"))
        #expect(filter.excludesDirectory("a/skip-old"))
        #expect(!filter.excludesDirectory("a/old"))
    }

    @Test func aTrailingGzipIsIgnoredAndNoPatternsMatchNothing() {
        let filter = GlobFilter(include: ["*.txt"], exclude: [])
        #expect(filter.includesFile("page.txt.gz"))
        #expect(filter.includesFile("dir/page.txt.gz"))
        #expect(!filter.includesFile("page.gz"))
        #expect(GlobFilter.strippingGzip("a.txt.gz") == "a.txt")
        #expect(GlobFilter.strippingGzip(".gz") == "")
        #expect(GlobFilter.strippingGzip("gz") == "gz")
        #expect(GlobFilter.strippingGzip("新闻.txt.gz") == "新闻.txt")
        #expect(!GlobFilter(include: [], exclude: []).includesFile("a.txt"))
        #expect(!GlobFilter(include: ["*"], exclude: []).excludesDirectory("a"))
        #expect(GlobFilter(include: ["新闻*"], exclude: []).includesFile("2026/新闻-1.txt"))
    }
}
