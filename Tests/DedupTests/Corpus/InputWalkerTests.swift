import Glibc
import Testing
@testable import Dedup

@Suite struct InputWalkerTests {
    func walker(include: [String] = ["*.txt"], exclude: [String] = [], follow: Bool = false) -> InputWalker {
        InputWalker(filter: GlobFilter(include: include, exclude: exclude), followSymlinks: follow)
    }

    @Test func directoryFilesAreSortedByTheBytesOfTheirRelativePaths() throws {
        let tree = try TemporaryTree()
        defer { tree.remove() }
        for name in ["b.txt", "a/b.txt", "a-c.txt", "a/a/z.txt", "B.txt", "中.txt", "n.md", "x.txt.gz"] {
            try tree.write("in/" + name, "x")
        }
        let inventory = walker().walk([tree.path("in")])
        #expect(inventory.files.map(\.relativePath) == ["B.txt", "a-c.txt", "a/a/z.txt", "a/b.txt", "b.txt", "x.txt.gz", "中.txt"])
        #expect(inventory.files.map(\.documentName) == inventory.files.map(\.relativePath))
        #expect(inventory.skipped.isEmpty)
    }

    /// The byte comparison the walker sorts with gives the order of `utf8.lexicographicallyPrecedes`,
    /// prefixes and empty names included.
    @Test func bytesPrecedeIsTheUTF8Order() {
        let names = ["", "a", "ab", "abc", "abd", "ab/c", "ab-c", "B", "b", "中", "中文", "ä", "a\u{0}", "zz", "z"]
        var random = SplitMix64(seed: 0x7061_7468)
        var pool = names
        for _ in 0..<200 {
            let length = Int(random.next() % 6)
            pool.append(String(decoding: (0..<length).map { _ in names[Int(random.next() % UInt64(names.count))] }.joined().utf8, as: UTF8.self))
        }
        for a in pool {
            for b in pool {
                #expect(InputWalker.bytesPrecede(a, b) == a.utf8.lexicographicallyPrecedes(b.utf8), "\(a.debugDescription) vs \(b.debugDescription)")
            }
        }
    }

    /// A directory of 300 entries is `lstat`ed on several threads: the inventory (files in order,
    /// sizes, identities, and what was skipped) is the one-thread walk's, and every entry was seen.
    @Test func statsOnSeveralThreadsGiveTheOneThreadInventory() throws {
        let tree = try TemporaryTree()
        defer { tree.remove() }
        for n in 0..<300 {
            let directory = n % 7 == 0 ? "in/sub/" : "in/"
            let suffix = n % 5 == 0 ? "md" : "txt"
            try tree.write("\(directory)f\(n).\(suffix)", String(repeating: "x", count: n))
        }
        #expect(symlink(tree.path("in/f1.txt"), tree.path("in/link.txt")) == 0)
        var one = walker()
        one.statThreads = 1
        var four = walker()
        four.statThreads = 4
        let expected = one.walk([tree.path("in")])
        #expect(four.walk([tree.path("in")]) == expected)
        #expect(expected.files.count == 240)
        let sizes: Int = expected.files.map(\.byteSize).reduce(0, +)
        let written: Int = (0..<300).filter { $0 % 5 != 0 }.reduce(0, +)
        #expect(sizes == written)
        #expect(expected.skipped.map(\.reason) == [.symbolicLink])
    }

    @Test func argumentsKeepTheirOrderAndFilesKeepTheGivenPath() throws {
        let tree = try TemporaryTree()
        defer { tree.remove() }
        try tree.write("z.txt", "x")
        try tree.write("d/a.md", "x")
        let inventory = walker().walk([tree.path("z.txt"), tree.path("d"), tree.path("d/a.md")])
        #expect(inventory.files.map(\.documentName) == [tree.path("z.txt"), tree.path("d/a.md")])
        #expect(inventory.files.map(\.relativePath) == ["z.txt", "a.md"])
    }

    @Test func severalDirectoriesKeepTheirNames() throws {
        let tree = try TemporaryTree()
        defer { tree.remove() }
        try tree.write("2023/01/a.txt", "x")
        try tree.write("2024/01/a.txt", "y")
        let inventory = walker().walk([tree.path("2024/"), tree.path("2023")])
        #expect(inventory.files.map(\.relativePath) == ["2024/01/a.txt", "2023/01/a.txt"])
        #expect(inventory.files.map(\.documentName) == ["2024/01/a.txt", "2023/01/a.txt"])
        #expect(walker().walk([tree.path("2024")]).files.map(\.relativePath) == ["01/a.txt"])
    }

    @Test func includeAndExcludeGlobs() throws {
        let tree = try TemporaryTree()
        defer { tree.remove() }
        for name in ["keep.txt", "drafts/x.txt", "sub/drafts.txt", "sub/skip-me.txt", "a.text"] {
            try tree.write("in/" + name, "x")
        }
        let inventory = walker(include: ["*.txt", "*.text"], exclude: ["drafts", "skip-*"]).walk([tree.path("in")])
        #expect(inventory.files.map(\.relativePath) == ["a.text", "keep.txt", "sub/drafts.txt"])
    }

    @Test func fifosAreSkippedWithoutBeingOpened() throws {
        let tree = try TemporaryTree()
        defer { tree.remove() }
        try tree.write("in/a.txt", "x")
        #expect(mkfifo(tree.path("in/pipe.txt"), 0o600) == 0)
        let inventory = walker().walk([tree.path("in")])
        #expect(inventory.files.map(\.relativePath) == ["a.txt"])
        #expect(inventory.skipped == [SkippedInput(path: tree.path("in/pipe.txt"), reason: .notRegularFile(kind: "a FIFO"), isFailure: false)])
        // Named on the command line it is still not opened, and the run fails.
        let named = walker().walk([tree.path("in/pipe.txt")])
        #expect(named.files.isEmpty && named.skipped.first?.isFailure == true)
    }

    @Test func symlinksAreSkippedUnlessFollowedAndLoopsEnd() throws {
        let tree = try TemporaryTree()
        defer { tree.remove() }
        try tree.write("in/a/x.txt", "x")
        try tree.write("other/y.txt", "y")
        try tree.symlink("in/a/up", to: "..")
        try tree.symlink("in/a/self", to: ".")
        try tree.symlink("in/link.txt", to: tree.path("other/y.txt"))
        try tree.symlink("in/dangling.txt", to: tree.path("nowhere.txt"))

        let plain = walker().walk([tree.path("in")])
        #expect(plain.files.map(\.relativePath) == ["a/x.txt"])
        #expect(plain.skipped.count == 4 && plain.skipped.allSatisfy { $0.reason == .symbolicLink && !$0.isFailure })

        let followed = walker(follow: true).walk([tree.path("in")])
        #expect(followed.files.map(\.relativePath) == ["a/x.txt", "link.txt"])
        let reasons = followed.skipped.map(\.reason)
        #expect(reasons.filter { $0 == .symlinkLoop }.count == 2)
        #expect(followed.skipped.contains { $0.path.hasSuffix("dangling.txt") && $0.isFailure })
    }

    @Test func missingArgumentIsAFailureNamingIt() {
        let inventory = walker().walk(["/no/such/dir"])
        #expect(inventory.skipped == [SkippedInput(path: "/no/such/dir", reason: .unreadable(.notFound(path: "/no/such/dir")), isFailure: true)])
    }
}
