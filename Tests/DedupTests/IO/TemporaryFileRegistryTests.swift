import Foundation
import Testing
@testable import Dedup

@Suite struct TemporaryFileRegistryTests {
    func directory() throws -> String {
        let path = NSTemporaryDirectory() + "dedup-registry-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func commitRenamesAndForgets() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let registry = TemporaryFileRegistry()
        let created = try #require(registry.create(template: dir + "/.x.dedup-tmp-XXXXXX"))
        close(created.descriptor)
        #expect(registry.registeredPaths == [created.path])
        #expect(registry.commit(created.path, to: dir + "/x") == 0)
        #expect(registry.registeredPaths.isEmpty)
        #expect(FileManager.default.fileExists(atPath: dir + "/x"))
    }

    /// Without `replace`, a file already at the destination stays as it was and the commit fails
    /// with EEXIST; the temporary file stays registered for the caller to discard.
    @Test func commitWithoutReplaceRefusesAnExistingDestination() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "old".write(toFile: dir + "/x", atomically: false, encoding: .utf8)
        let registry = TemporaryFileRegistry()
        let created = try #require(registry.create(template: dir + "/.x.dedup-tmp-XXXXXX"))
        close(created.descriptor)
        #expect(registry.commit(created.path, to: dir + "/x", replace: false) == -1)
        #expect(errno == EEXIST)
        #expect(try String(contentsOfFile: dir + "/x", encoding: .utf8) == "old")
        #expect(registry.registeredPaths == [created.path])
        #expect(registry.commit(created.path, to: dir + "/y", replace: false) == 0)
        #expect(FileManager.default.fileExists(atPath: dir + "/y"))
        #expect(registry.registeredPaths.isEmpty)
    }

    @Test func removeAllAndCloseDeletesOpenFilesAndRefusesNewOnes() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let registry = TemporaryFileRegistry()
        let a = try #require(registry.create(template: dir + "/.a.dedup-tmp-XXXXXX"))
        let b = try #require(registry.create(template: dir + "/.b.dedup-tmp-XXXXXX"))
        close(a.descriptor)
        close(b.descriptor)
        #expect(registry.removeAllAndClose() == 2)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
        #expect(registry.create(template: dir + "/.c.dedup-tmp-XXXXXX") == nil)
        #expect(registry.commit(a.path, to: dir + "/a") == -1)
    }

    @Test func atomicWriterUsesTheRegistryAndLeavesNoTemporaryFile() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let registry = TemporaryFileRegistry()
        try AtomicFileWriter(registry: registry).write(Array("text\n".utf8), to: dir + "/out.txt", replace: false)
        #expect(registry.registeredPaths.isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["out.txt"])
        registry.removeAllAndClose()
        #expect(throws: OutputError.self) {
            try AtomicFileWriter(registry: registry).write([0x41], to: dir + "/late.txt", replace: false)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["out.txt"])
    }

    /// Names are new files, never an existing name or a symbolic link planted there: a second
    /// registry whose names collide with the first one's skips the taken name, and the planted
    /// link's target is untouched.
    @Test func createsNewFilesOnlyAndSkipsTakenNames() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let template = dir + "/.x.dedup-tmp-XXXXXX"
        let first = TemporaryFileRegistry(salt: 7)
        var paths: [String] = []
        for _ in 0..<20 {
            let created = try #require(first.create(template: template))
            close(created.descriptor)
            #expect(created.path.hasPrefix(dir + "/.x.dedup-tmp-"))
            #expect(created.path.utf8.count == template.utf8.count)
            paths.append(created.path)
        }
        #expect(Set(paths).count == 20)
        // The same salt tries the same names in the same order: plant a link at the first one.
        let target = dir + "/target"
        try "keep".write(toFile: target, atomically: false, encoding: .utf8)
        #expect(unlink(paths[0]) == 0)
        #expect(symlink(target, paths[0]) == 0)
        let second = TemporaryFileRegistry(salt: 7)
        let created = try #require(second.create(template: template))
        #expect(write(created.descriptor, "new", 3) == 3)
        close(created.descriptor)
        #expect(!paths.contains(created.path))
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "keep")
        #expect(try String(contentsOfFile: created.path, encoding: .utf8) == "new")
        // With the first 100 names of a salt taken, creating fails instead of trying forever.
        for _ in 0..<100 {
            let more = try #require(first.create(template: template))
            close(more.descriptor)
        }
        #expect(TemporaryFileRegistry(salt: 7).create(template: template) == nil)
        #expect(errno == EEXIST)
    }

    /// Outputs are created with the permissions asked for less the umask (0644 under the usual
    /// umask 022); without a mode, 0600 less the umask, as `mkstemp` would.
    @Test func modeIsTheRequestedOneLessTheUmask() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // Read, not set: the umask is the whole process's, and tests run in parallel.
        let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("Umask:") })
        let mask = try #require(mode_t(line.dropFirst(6).trimmingCharacters(in: .whitespaces), radix: 8))
        let registry = TemporaryFileRegistry()
        let shared = try #require(registry.create(template: dir + "/.m.dedup-tmp-XXXXXX", mode: 0o644))
        var info = stat()
        #expect(fstat(shared.descriptor, &info) == 0)
        close(shared.descriptor)
        #expect(info.st_mode & 0o777 == 0o644 & ~mask)
        let secret = try #require(registry.create(template: dir + "/.s.dedup-tmp-XXXXXX"))
        #expect(fstat(secret.descriptor, &info) == 0)
        close(secret.descriptor)
        #expect(info.st_mode & 0o777 == 0o600 & ~mask)
    }

    @Test func aTemplateWithoutSixXsIsRefused() throws {
        let registry = TemporaryFileRegistry()
        #expect(registry.create(template: "/tmp/.x.dedup-tmp-XXXXX") == nil)
        #expect(errno == EINVAL)
        #expect(registry.registeredPaths.isEmpty)
    }

    /// A staging tree: named beside its destination, filled with files created only while the
    /// registry is open, renamed into place unless the destination exists, and removed whole
    /// (its files counted) when the run is interrupted.
    @Test func stagingTreesAreCommittedWholeOrRemovedWhole() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let registry = TemporaryFileRegistry()
        let staging = try registry.makeStagingTree(for: dir + "/out")
        #expect(staging.hasPrefix(dir + "/.out.dedup-tmp-"))
        #expect(registry.registeredTrees == [staging])
        try FileManager.default.createDirectory(atPath: staging + "/a/b", withIntermediateDirectories: true)
        for path in ["/x.txt", "/a/y.txt", "/a/b/z.txt"] {
            let fd = registry.createFile(staging + path, mode: 0o644)
            #expect(fd >= 0)
            close(fd)
        }
        #expect(registry.createFile(staging + "/x.txt", mode: 0o644) == -1 && errno == EEXIST)
        // The destination exists (made by someone else meanwhile): refused, and the tree stays,
        // no longer registered (the caller tells where it is; an interruption must not remove it).
        try FileManager.default.createDirectory(atPath: dir + "/out/other", withIntermediateDirectories: true)
        #expect(registry.commitTree(staging, to: dir + "/out") == -1)
        #expect(errno == EEXIST || errno == ENOTEMPTY)
        #expect(registry.registeredTrees.isEmpty)
        #expect(FileManager.default.fileExists(atPath: staging + "/a/b/z.txt"))
        let moved = try registry.makeStagingTree(for: dir + "/out2")
        #expect(rmdir(moved) == 0 && rename(staging, moved) == 0)
        #expect(registry.commitTree(moved, to: dir + "/out2") == 0)
        #expect(registry.registeredTrees.isEmpty)
        #expect(FileManager.default.fileExists(atPath: dir + "/out2/a/b/z.txt"))

        // Parents are made; a name already taken is never reused.
        let second = try registry.makeStagingTree(for: dir + "/new/parent/out3")
        #expect(second.hasPrefix(dir + "/new/parent/.out3.dedup-tmp-"))
        var made = false
        try registry.whileOpen({ () throws(OutputError) in
            made = mkdir(second + "/d", 0o755) == 0
        }, closed: { .writeFailed(path: second, message: "closed") })
        #expect(made)
        for name in ["/p.txt", "/d/q.txt"] { close(registry.createFile(second + name, mode: 0o600)) }
        #expect(registry.removeAllAndClose() == 2)
        #expect(!FileManager.default.fileExists(atPath: second))
        #expect(registry.createFile(second + "/late.txt", mode: 0o644) == -1 && errno == ECANCELED)
        #expect(throws: OutputError.self) {
            try registry.whileOpen({ () throws(OutputError) in }, closed: { .writeFailed(path: second, message: "closed") })
        }
        #expect(!FileManager.default.fileExists(atPath: second))
        #expect(registry.commitTree(second, to: dir + "/new/parent/out3") == -1 && errno == ECANCELED)
        #expect(throws: OutputError.self) { try registry.makeStagingTree(for: dir + "/out4") == "" }
    }

    /// The directories made above a staging tree go with it when it is removed (interruption,
    /// or a run that stops before publishing) while they are empty; a committed tree keeps
    /// them, and directories that existed before, or hold something else, stay.
    @Test func directoriesMadeForATreeGoWithIt() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let files = FileManager.default
        let interrupted = TemporaryFileRegistry()
        let first = try interrupted.makeStagingTree(for: dir + "/a/b/out")
        #expect(first.hasPrefix(dir + "/a/b/.out.dedup-tmp-"))
        close(interrupted.createFile(first + "/f.txt", mode: 0o644))
        #expect(interrupted.removeAllAndClose() == 1)
        #expect(!files.fileExists(atPath: dir + "/a"))
        #expect(files.fileExists(atPath: dir))

        let registry = TemporaryFileRegistry()
        let second = try registry.makeStagingTree(for: dir + "/a/b/out")
        #expect(files.createFile(atPath: dir + "/a/keep.txt", contents: Data("k".utf8)))
        registry.discardTree(second)
        #expect(!files.fileExists(atPath: dir + "/a/b"))
        #expect(files.fileExists(atPath: dir + "/a/keep.txt"))

        let third = try registry.makeStagingTree(for: dir + "/c/d/out")
        #expect(registry.commitTree(third, to: dir + "/c/d/out") == 0)
        let fourth = try registry.makeStagingTree(for: dir + "/c/d/other")
        #expect(registry.removeAllAndClose() == 0)
        #expect(!files.fileExists(atPath: fourth))
        #expect(files.fileExists(atPath: dir + "/c/d/out"))
    }

    @Test func discardedTreesAreRemoved() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let registry = TemporaryFileRegistry()
        let staging = try registry.makeStagingTree(for: dir + "/out")
        try FileManager.default.createDirectory(atPath: staging + "/a", withIntermediateDirectories: true)
        close(registry.createFile(staging + "/a/f.txt", mode: 0o644))
        registry.discardTree(staging)
        #expect(!FileManager.default.fileExists(atPath: staging))
        #expect(registry.registeredTrees.isEmpty)
    }
}
