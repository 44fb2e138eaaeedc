import Foundation
import Glibc
import Testing

/// End-to-end tests of corpus mode: directories, JSONL, gzip, scope, jobs, odd files.
@Suite struct CorpusCommandTests {
    static let boilerplate = "（本版图片除署名外，均来自本报资料库）"
    static let syndicated = "新华社北京电 这是一篇被多家报纸转载的通稿，内容完全相同。"

    /// A nested tree: the seed twice, pages sharing boilerplate and a syndicated paragraph, an
    /// empty file, CRLF, a non-matching file.
    func makeTree(_ root: String) throws {
        let seed = String(decoding: try DedupProcess.read(DedupProcess.seedPath), as: UTF8.self)
        try TreeSnapshot.write(root, "2024/01/seed.txt", seed)
        try TreeSnapshot.write(root, "2024/02/seed-copy.txt", seed)
        for i in 0..<12 {
            let text = ["第\(i)篇 独有的导语，只出现一次的内容在这里。", Self.syndicated, "正文 \(i)：各地新闻各不相同。", Self.boilerplate]
            try TreeSnapshot.write(root, "2024/p\(i % 3)/page-\(i).txt", text.joined(separator: i % 2 == 0 ? "\n\n" : "\r\n\r\n") + "\n")
        }
        try TreeSnapshot.write(root, "empty.txt", "")
        try TreeSnapshot.write(root, "notes.md", Self.boilerplate)
    }

    @Test func nestedDirectoryIsMirroredInputsUnchangedAndJobsDoNotMatter() throws {
        let dir = try DedupProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try makeTree(dir + "/in")
        let before = try TreeSnapshot.take(dir + "/in")
        var results: [(tree: [String: [UInt8]], report: [UInt8])] = []
        for jobs in ["1", "2"] {
            let result = try DedupProcess.run([
                "clean", dir + "/in", "-o", dir + "/out\(jobs)", "--report", dir + "/report\(jobs).jsonl", "--jobs", jobs,
            ])
            #expect(result.status == 0, "\(result.stderr)")
            results.append((try TreeSnapshot.take(dir + "/out\(jobs)"), try DedupProcess.read(dir + "/report\(jobs).jsonl")))
        }
        #expect(try TreeSnapshot.take(dir + "/in") == before)
        // The new output trees were staged beside them and renamed into place: nothing is left.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.contains(".dedup-tmp-") } == [])
        #expect(results[0].tree == results[1].tree)
        #expect(results[0].report == results[1].report)
        let tree = results[0].tree
        #expect(Set(tree.keys) == Set(before.keys.filter { $0.hasSuffix(".txt") }))
        #expect(tree["2024/01/seed.txt"] == (try DedupProcess.read(DedupProcess.repositoryRoot.appendingPathComponent("fixtures/seed/expected.txt").path)))
        // The copy keeps only its short paragraphs (bylines, headings), which repeat legitimately.
        let copy = String(decoding: tree["2024/02/seed-copy.txt"] ?? [], as: UTF8.self)
        #expect(copy.hasPrefix("科技“突围”意味着什么？\n\n直言\n\n") && copy.utf8.count < 300)
        #expect(tree["empty.txt"] == [])
        // Report docs are relative to the input directory.
        let report = String(decoding: results[0].report, as: UTF8.self)
        #expect(report.contains(#""doc":"2024/02/seed-copy.txt","paragraph":0,"reason":"exact","kept":{"doc":"2024/01/seed.txt","paragraph":0}"#))
    }

    /// A new output directory appears whole at the end; an existing one (here with --force) is
    /// written into file by file, its other files left as they are; both hold the same outputs.
    @Test func newOutputTreesAppearWholeAndExistingOnesAreWrittenInto() throws {
        let dir = try DedupProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try makeTree(dir + "/in")
        let fresh = try DedupProcess.run(["clean", dir + "/in", "-o", dir + "/nested/new/out", "-q"])
        #expect(fresh.status == 0, "\(fresh.stderr)")
        try TreeSnapshot.write(dir + "/existing", "unrelated.txt", "kept")
        let existing = try DedupProcess.run(["clean", dir + "/in", "-o", dir + "/existing", "-q", "--force"])
        #expect(existing.status == 0, "\(existing.stderr)")
        var expected = try TreeSnapshot.take(dir + "/nested/new/out")
        expected["unrelated.txt"] = Array("kept".utf8)
        #expect(try TreeSnapshot.take(dir + "/existing") == expected)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/nested/new") == ["out"])
        // Spellings of a new directory: trailing slashes and a final `.` or `..` give the same tree.
        for spelling in ["/slashes//", "/dot/.", "/up/x/.."] {
            let run = try DedupProcess.run(["clean", dir + "/in", "-o", dir + spelling, "-q"])
            #expect(run.status == 0, "\(spelling): \(run.stderr)")
            #expect(try TreeSnapshot.take(dir + spelling) == (try TreeSnapshot.take(dir + "/nested/new/out")), "\(spelling)")
        }
        // No output at all (an empty input directory): no output directory either.
        try FileManager.default.createDirectory(atPath: dir + "/void", withIntermediateDirectories: true)
        let none = try DedupProcess.run(["clean", dir + "/void", "-o", dir + "/void-out", "-q"])
        #expect(none.status == 0, "\(none.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/void-out"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.contains(".dedup-tmp-") } == [])
        #expect(try DedupProcess.run(["clean", dir + "/in", "-o", ""]).status == 2)
        // A run that stops before writing (its report cannot be created) leaves no staging tree.
        let stopped = try DedupProcess.run(["clean", dir + "/in", "-o", dir + "/never", "--report", dir + "/no/such/dir/r.jsonl"])
        #expect(stopped.status != 0)
        #expect(!FileManager.default.fileExists(atPath: dir + "/never"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.contains(".dedup-tmp-") } == [])
    }

    @Test func crossDocumentRepeatsAreRemovedUnderCorpusScopeOnly() throws {
        let dir = try DedupProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try makeTree(dir + "/in")
        let corpus = try DedupProcess.run(["clean", dir + "/in", "-o", dir + "/corpus", "-q"])
        let document = try DedupProcess.run(["clean", dir + "/in", "-o", dir + "/document", "--scope", "document", "-q"])
        #expect(corpus.status == 0 && document.status == 0)
        let count = { (tree: [String: [UInt8]], text: String) in
            tree.values.filter { String(decoding: $0, as: UTF8.self).contains(text) }.count
        }
        let corpusTree = try TreeSnapshot.take(dir + "/corpus")
        let documentTree = try TreeSnapshot.take(dir + "/document")
        #expect(count(corpusTree, Self.syndicated) == 1)
        #expect(count(corpusTree, Self.boilerplate) == 1)
        #expect(count(documentTree, Self.syndicated) == 12)
        #expect(count(documentTree, Self.boilerplate) == 12)
        #expect(documentTree["2024/02/seed-copy.txt"] == documentTree["2024/01/seed.txt"])
    }

    @Test func jsonlKeepsIdsAndOtherFieldsAndStdinMatchesTheFile() throws {
        let dir = try DedupProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let input = """
            {"id": "a", "text": "\(Self.syndicated)\\n\\n甲报独有的内容写在这一段。", "meta": {"source": "甲报", "tags": ["x", 1.50]}}
            {"text": "\(Self.syndicated)", "id": 7, "url": "http://example.com/b?x=1&y=\\u00e9"}
            {"id": "c", "body": "no text field"}
            {"id": "d", "text": "丙报\\r\\n\\r\\n\(Self.syndicated)\\n\\n\\n"}

            """
        try TreeSnapshot.write(dir, "in.jsonl", input)
        let before = try DedupProcess.read(dir + "/in.jsonl")
        let file = try DedupProcess.run(["clean", "--format", "jsonl", dir + "/in.jsonl", "--report", dir + "/r.jsonl"])
        let stdin = try DedupProcess.run(["clean", "--format", "jsonl", "-"], stdin: before)
        #expect(file.status == 1)  // the record without a text field
        #expect(file.stderr.contains("\(dir)/in.jsonl:3: no \"text\" field"))
        #expect(stdin.stdout == file.stdout)
        #expect(try DedupProcess.read(dir + "/in.jsonl") == before)
        let lines = file.stdoutText.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines == [
            #"{"id": "a", "text": "\#(Self.syndicated)\n\n甲报独有的内容写在这一段。", "meta": {"source": "甲报", "tags": ["x", 1.50]}}"#,
            #"{"text": "", "id": 7, "url": "http://example.com/b?x=1&y=\u00e9"}"#,
            #"{"id": "c", "body": "no text field"}"#,
            #"{"id": "d", "text": "丙报"}"#,
            "",
        ])
        let report = String(decoding: try DedupProcess.read(dir + "/r.jsonl"), as: UTF8.self)
        #expect(report.contains(#""doc":"7","paragraph":0,"reason":"exact","kept":{"doc":"a","paragraph":0}"#))
        let dropped = try DedupProcess.run(["clean", "--format", "jsonl", "--drop-empty", "-q", "-"], stdin: before)
        #expect(dropped.stdoutText.split(separator: "\n").count == 3)
    }

    @Test func gzipInputsAreReadTransparently() throws {
        let dir = try DedupProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir + "/in", withIntermediateDirectories: true)
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/sh")
        gzip.arguments = ["-c", "gzip -c '\(DedupProcess.seedPath)' > '\(dir)/in/seed.txt.gz'"]
        try gzip.run()
        gzip.waitUntilExit()
        let single = try DedupProcess.run(["clean", dir + "/in/seed.txt.gz"])
        #expect(single.stdout == (try DedupProcess.read(DedupProcess.repositoryRoot.appendingPathComponent("fixtures/seed/expected.txt").path)))
        let tree = try DedupProcess.run(["clean", dir + "/in", "-o", dir + "/out", "-q"])
        #expect(tree.status == 0)
        #expect(try TreeSnapshot.take(dir + "/out") == ["seed.txt": single.stdout])
    }

    @Test func oddFilesAreSkippedByNameAndTheWalkEnds() throws {
        let dir = try DedupProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try TreeSnapshot.write(dir, "in/a/page.txt", Self.syndicated + "\n")
        try TreeSnapshot.write(dir, "elsewhere/linked.txt", Self.syndicated + "\n")
        #expect(mkfifo(dir + "/in/pipe.txt", 0o600) == 0)
        try FileManager.default.createSymbolicLink(atPath: dir + "/in/a/loop", withDestinationPath: "..")
        try FileManager.default.createSymbolicLink(atPath: dir + "/in/link.txt", withDestinationPath: dir + "/elsewhere/linked.txt")
        try FileManager.default.createSymbolicLink(atPath: dir + "/in/gone.txt", withDestinationPath: dir + "/nowhere.txt")
        let before = try TreeSnapshot.take(dir + "/in")

        let plain = try DedupProcess.run(["clean", dir + "/in", "-o", dir + "/out1", "--stats", dir + "/s1.json"], timeout: 20)
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(plain.stderr.contains("\(dir)/in/pipe.txt: skipped, not a regular file (a FIFO)"))
        #expect(plain.stderr.contains("\(dir)/in/link.txt: skipped, symbolic link"))
        #expect(plain.stderr.contains("4 skipped"))
        #expect(try TreeSnapshot.take(dir + "/out1").keys.sorted() == ["a/page.txt"])

        let followed = try DedupProcess.run(["clean", dir + "/in", "-o", dir + "/out2", "--follow-symlinks", "--stats", dir + "/s2.json"], timeout: 20)
        #expect(followed.status == 1)  // the dangling link cannot be read
        #expect(followed.stderr.contains("dedup: error: \(dir)/in/gone.txt: no such file"))
        #expect(followed.stderr.contains("\(dir)/in/a/loop: skipped, symbolic link loop"))
        #expect(try TreeSnapshot.take(dir + "/out2").keys.sorted() == ["a/page.txt", "link.txt"])
        #expect(try TreeSnapshot.take(dir + "/in") == before)

        let stats = try JSONSerialization.jsonObject(with: Data(try DedupProcess.read(dir + "/s2.json"))) as? [String: Any]
        #expect(stats?["schema"] as? String == "dedup-stats")
        #expect((stats?["inputs"] as? [String: Any])?["files_failed"] as? Int == 1)
        #expect(((stats?["failures"] as? [[String: Any]])?.first?["path"] as? String) == dir + "/in/gone.txt")
        #expect((stats?["paragraphs"] as? [String: Any])?["removed"] as? Int == 1)
        // The kept-paragraph index: every kept paragraph is in it, at a measured cost.
        let kept = (stats?["paragraphs"] as? [String: Any])?["kept"] as? Int
        let index = stats?["index"] as? [String: Any]
        #expect(kept != nil && index?["kept_paragraphs"] as? Int == kept)
        #expect((index?["bytes_per_kept_paragraph"] as? Int ?? 0) > 100)
        // Fingerprinting is timed as part of the analysis; normalization as part of the analysis
        // and of the assembly (the kept paragraphs the analyzer left as read).
        let stages = stats?["stage_seconds"] as? [String: Double] ?? [:]
        #expect(Set(stages.keys) == ["read_decode", "analyze", "normalize", "fingerprint", "detect", "assemble_write"])
        #expect((stages["normalize"] ?? -1) >= 0 && (stages["fingerprint"] ?? -1) > 0)
        #expect((stages["fingerprint"] ?? 0) <= (stages["analyze"] ?? 0) + 1e-6)
        #expect((stages["normalize"] ?? 0) <= (stages["analyze"] ?? 0) + (stages["assemble_write"] ?? 0) + 1e-6)
    }

    @Test func unreadableInputIsReportedAndTheRestIsCleaned() throws {
        let dir = try DedupProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try TreeSnapshot.write(dir, "in/a.txt", Self.syndicated + "\n")
        try TreeSnapshot.write(dir, "in/b.txt.gz", "not really gzip \u{1F}")
        var corrupt = Array(Self.syndicated.utf8)
        corrupt.insert(contentsOf: [0x1F, 0x8B, 0x08], at: 0)
        try Data(corrupt).write(to: URL(fileURLWithPath: dir + "/in/c.txt.gz"))
        let result = try DedupProcess.run(["clean", dir + "/in", dir + "/missing.txt", "-o", dir + "/out"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(dir)/missing.txt: no such file"))
        #expect(result.stderr.contains("\(dir)/in/c.txt.gz: cannot read: gzip data"))
        // With several inputs each directory keeps its name under the output directory.
        #expect(try TreeSnapshot.take(dir + "/out").keys.sorted() == ["in/a.txt", "in/b.txt"])
    }

    @Test func outputsAreRefusedInsideInputsOverInputsAndWithoutForce() throws {
        let dir = try DedupProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try makeTree(dir + "/in")
        let before = try TreeSnapshot.take(dir + "/in")
        let inside = try DedupProcess.run(["clean", dir + "/in", "-o", dir + "/in/clean"])
        #expect(inside.status == 2)
        #expect(inside.stderr.contains("inside the input directory"))
        let noOutput = try DedupProcess.run(["clean", dir + "/in"])
        #expect(noOutput.status == 2)
        #expect(try DedupProcess.run(["clean", dir + "/in", "-o", dir + "/out", "-q"]).status == 0)
        let again = try DedupProcess.run(["clean", dir + "/in", "-o", dir + "/out"])
        #expect(again.status == 2)
        #expect(again.stderr.contains("--force"))
        #expect(try DedupProcess.run(["clean", dir + "/in", "-o", dir + "/out", "--force", "-q"]).status == 0)
        let report = try DedupProcess.run(["clean", dir + "/in", "-o", dir + "/out2", "--report", dir + "/in/empty.txt", "--force"])
        #expect(report.status == 2)
        #expect(try TreeSnapshot.take(dir + "/in") == before)
        #expect(!FileManager.default.fileExists(atPath: dir + "/in/clean"))

        // One file into an existing directory lands under its own name; stdin needs a file.
        try FileManager.default.createDirectory(atPath: dir + "/single", withIntermediateDirectories: true)
        #expect(try DedupProcess.run(["clean", dir + "/in/empty.txt", "-o", dir + "/single", "-q"]).status == 0)
        #expect(try TreeSnapshot.take(dir + "/single") == ["empty.txt": []])
        #expect(try DedupProcess.run(["clean", "-", "-o", dir + "/single"], stdin: []).status == 2)
    }

    /// A slice of the benchmark corpus, when it is present on this machine.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/work/bench-data/news-like/news-000000.txt")))
    func newsLikeSliceIsIdenticalForOneAndTwoJobs() throws {
        let dir = try DedupProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var outputs: [[String: [UInt8]]] = []
        var reports: [[UInt8]] = []
        for jobs in ["1", "2"] {
            let result = try DedupProcess.run([
                "clean", "/work/bench-data/news-like", "--include", "news-0001*.txt", "--include", "news-0002*.txt",
                "-o", dir + "/out\(jobs)", "--report", dir + "/r\(jobs).jsonl", "--jobs", jobs, "-q",
            ])
            #expect(result.status == 0)
            outputs.append(try TreeSnapshot.take(dir + "/out\(jobs)"))
            reports.append(try DedupProcess.read(dir + "/r\(jobs).jsonl"))
        }
        #expect(outputs[0].count == 200)
        #expect(outputs[0] == outputs[1])
        #expect(reports[0] == reports[1])
        #expect(reports[0].filter { $0 == 0x0A }.count > 100)
    }
}

/// Progress is drawn on a terminal only.
@Suite struct ProgressLineTests {
    @Test func progressOnlyOnATerminal() throws {
        let dir = try DedupProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for i in 0..<3 { try TreeSnapshot.write(dir, "in/\(i).txt", "第\(i)篇：足够长的段落内容，用来测试进度。\n") }
        let piped = try DedupProcess.run(["clean", dir + "/in", "-o", dir + "/out1"])
        #expect(piped.status == 0)
        #expect(!piped.stderr.contains("ETA") && !piped.stderr.contains("\r"))
        // `script` gives the command a pseudo-terminal; its output is the terminal's.
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else { return }
        let command = "'\(DedupProcess.binary.path)' clean '\(dir)/in' -o '\(dir)/out2'"
        let tty = try DedupProcess.run(["-qec", command, "/dev/null"], executable: "/usr/bin/script")
        #expect(tty.status == 0)
        #expect(tty.stdoutText.contains("/3 files, ") && tty.stdoutText.contains(" removed, ETA "))
        #expect(tty.stdoutText.contains("3 documents"))
        let quiet = try DedupProcess.run(["-qec", command.replacingOccurrences(of: "out2", with: "out3") + " -q", "/dev/null"], executable: "/usr/bin/script")
        #expect(!quiet.stdoutText.contains("ETA"))
    }
}
