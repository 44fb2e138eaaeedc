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
}
