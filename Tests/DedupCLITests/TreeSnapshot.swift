import Foundation

/// Every regular file under a directory by relative path, with its bytes: two snapshots are
/// equal when the trees are byte-for-byte the same.
enum TreeSnapshot {
    static func take(_ root: String) throws -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        guard let enumerator = FileManager.default.enumerator(atPath: root) else { return files }
        while let relative = enumerator.nextObject() as? String {
            let path = root + "/" + relative
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            if attributes[.type] as? FileAttributeType == .typeRegular {
                files[relative] = try DedupProcess.read(path)
            }
        }
        return files
    }

    static func write(_ root: String, _ relative: String, _ text: String) throws {
        let url = URL(fileURLWithPath: root + "/" + relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }
}
