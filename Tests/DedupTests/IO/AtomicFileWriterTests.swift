import Foundation
import Testing
@testable import Dedup

@Suite struct AtomicFileWriterTests {
    func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "dedup-writer-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Each file system holding an output directory is flushed once, whatever the number of
    /// directories on it; a directory on another file system (tmpfs, when the temporary
    /// directory is not on one) counts as one more. A directory that no longer exists is not a
    /// file system flushed (the call falls back to `sync`).
    @Test func syncsEachFileSystemOnce() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for sub in ["a", "b", "a/c"] {
            try FileManager.default.createDirectory(atPath: dir + "/" + sub, withIntermediateDirectories: true)
        }
        let sameDevice = [dir, dir + "/a", dir + "/b", dir + "/a/c"]
        #expect(AtomicFileWriter.syncFileSystems(holding: sameDevice) == 1)
        #expect(AtomicFileWriter.syncFileSystems(holding: sameDevice + [dir + "/gone"]) == 1)
        #expect(AtomicFileWriter.syncFileSystems(holding: [String]()) == 0)
        var here = stat(), shm = stat()
        if stat(dir, &here) == 0, stat("/dev/shm", &shm) == 0 {
            let expected = here.st_dev == shm.st_dev ? 1 : 2
            #expect(AtomicFileWriter.syncFileSystems(holding: sameDevice + ["/dev/shm"]) == expected)
        }
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
