import Foundation

/// Paths into the repository, found from this file's location so tests run from any directory.
enum Fixtures {
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static let seedPath = repositoryRoot.appendingPathComponent("seeds/000_786fa7686820cdff.txt").path

    static func url(_ relative: String) -> URL {
        repositoryRoot.appendingPathComponent("fixtures").appendingPathComponent(relative)
    }

    static func bytes(_ path: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    static func seedBytes() throws -> [UInt8] {
        try bytes(seedPath)
    }
}

extension Array where Element == UInt8 {
    var utf8String: String { String(decoding: self, as: UTF8.self) }
}

extension String {
    var bytes: [UInt8] { Array(utf8) }
}
