import Foundation
import Testing
@testable import Dedup

@Suite struct AtomicFileStreamTests {
    @Test func appearsOnlyWhenCommitted() throws {
        let tree = try TemporaryTree()
        defer { tree.remove() }
        let path = tree.path("report.jsonl")
        let stream = try AtomicFileStream(path: path, replace: false)
        let big = [UInt8](repeating: UInt8(ascii: "x"), count: 3 << 20)
        stream.append("head\n".bytes)
        stream.append(big)
        #expect(!FileManager.default.fileExists(atPath: path))
        try stream.commit()
        #expect(try Fixtures.bytes(path) == "head\n".bytes + big)
        #expect(try FileManager.default.contentsOfDirectory(atPath: tree.root) == ["report.jsonl"])
    }

    @Test func droppedStreamLeavesNothingAndExistingFilesNeedReplace() throws {
        let tree = try TemporaryTree()
        defer { tree.remove() }
        do {
            let stream = try AtomicFileStream(path: tree.path("a.jsonl"), replace: false)
            stream.append("partial".bytes)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: tree.root).isEmpty)
        try tree.write("b.jsonl", "old")
        #expect(throws: OutputError.exists(path: tree.path("b.jsonl"))) {
            try AtomicFileStream(path: tree.path("b.jsonl"), replace: false)
        }
        let stream = try AtomicFileStream(path: tree.path("b.jsonl"), replace: true)
        stream.append("new".bytes)
        try stream.commit()
        #expect(try Fixtures.bytes(tree.path("b.jsonl")) == "new".bytes)
    }
}
