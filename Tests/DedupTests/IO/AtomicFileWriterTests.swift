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

    /// Without its `stat` before opening (a file the walk saw as regular), the reader still
    /// refuses what the path names now: a directory, a FIFO (opened without blocking), nothing.
    @Test func readerOfAWalkedFileChecksWhatItOpened() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let reader = FileReader()
        #expect(throws: InputError.isDirectory(path: dir)) { try reader.read(path: dir, seenRegular: true) }
        #expect(throws: InputError.notFound(path: dir + "/none")) { try reader.read(path: dir + "/none", seenRegular: true) }
        let fifo = dir + "/pipe.txt"
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect(throws: InputError.notRegularFile(path: fifo, kind: "a FIFO")) { try reader.read(path: fifo, seenRegular: true) }
        try AtomicFileWriter().write("text\n".bytes, to: dir + "/a.txt", replace: false)
        #expect(try reader.read(path: dir + "/a.txt", seenRegular: true) == "text\n".bytes)
    }

    /// A file is read whole at the sizes around the reader's buffer and huge-page boundaries; a
    /// pseudo-file whose size `stat` gives as 0 is still read to its end (the reader trusts a
    /// known size only once it has read that many bytes).
    @Test func readerReadsWholeFilesAndPseudoFiles() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let reader = FileReader()
        for size in [0, 1, 4095, 4096, 4097, (4 << 20) + 3] {
            let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
            let path = dir + "/f\(size)"
            try AtomicFileWriter().write(bytes, to: path, replace: false)
            #expect(try reader.read(path: path) == bytes)
            #expect(try reader.read(path: path, seenRegular: true) == bytes)
        }
        let status = try reader.read(path: "/proc/self/status")
        #expect(status.count > 100)
        #expect(status.last == 0x0A)
        #expect(String(decoding: status, as: UTF8.self).contains("Umask:"))
    }

    /// Outputs are readable by others like any text file (0644 under the usual umask 022).
    @Test func outputsAreSharedLikeAnyTextFile() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/out.txt"
        try AtomicFileWriter().write("x".bytes, to: path, replace: false)
        var info = stat()
        #expect(stat(path, &info) == 0)
        #expect(info.st_mode & 0o044 == 0o044 || umaskOfThisProcess() & 0o044 != 0)
        #expect(info.st_mode & 0o022 == 0)
    }

    private func umaskOfThisProcess() -> mode_t {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("Umask:") } ?? "Umask:\t0022"
        return mode_t(line.dropFirst(6).trimmingCharacters(in: .whitespaces), radix: 8) ?? 0o022
    }
}
