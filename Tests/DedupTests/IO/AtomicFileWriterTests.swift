import Foundation
import Testing
@testable import Dedup

@Suite struct AtomicFileWriterTests {
    func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "dedup-writer-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func writesAndLeavesNoTemporaryFiles() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try AtomicFileWriter().write("hello\n".bytes, to: dir + "/out.txt", replace: false)
        #expect(try Fixtures.bytes(dir + "/out.txt") == "hello\n".bytes)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["out.txt"])
    }

    @Test func refusesToReplaceWithoutPermission() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/out.txt"
        try AtomicFileWriter().write("old".bytes, to: path, replace: false)
        #expect(throws: OutputError.exists(path: path)) {
            try AtomicFileWriter().write("new".bytes, to: path, replace: false)
        }
        try AtomicFileWriter().write("new".bytes, to: path, replace: true)
        #expect(try Fixtures.bytes(path) == "new".bytes)
    }

    @Test func missingDirectoryIsAnError() {
        #expect(throws: OutputError.self) {
            try AtomicFileWriter().write("x".bytes, to: "/nonexistent-dir-\(UUID().uuidString)/o.txt", replace: false)
        }
    }

    @Test func readerRejectsDirectoriesAndMissingFiles() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(throws: InputError.isDirectory(path: dir)) { try FileReader().read(path: dir) }
        #expect(throws: InputError.notFound(path: dir + "/none")) { try FileReader().read(path: dir + "/none") }
    }
}
