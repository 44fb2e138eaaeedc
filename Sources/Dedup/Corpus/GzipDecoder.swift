import CZlib
import Glibc

/// Reads gzip data transparently: input that starts with the gzip magic bytes is decompressed
/// (all concatenated members), anything else is returned as it is.
public struct GzipDecoder: Sendable {
    /// Largest decompressed size accepted (a guard against decompression bombs).
    public var maximumOutputBytes: Int

    public init(maximumOutputBytes: Int = 1 << 36) {
        self.maximumOutputBytes = maximumOutputBytes
    }

    /// True when `bytes` starts with the gzip magic number 1f 8b.
    public static func isGzip(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
    }

    /// True when the file at `path` starts with the gzip magic number (false when unreadable).
    public static func fileIsGzip(_ path: String) -> Bool {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var magic: [UInt8] = [0, 0]
        let n = magic.withUnsafeMutableBytes { pread(fd, $0.baseAddress, 2, 0) }
        return n == 2 && isGzip(magic)
    }

    /// `bytes` decompressed when they are gzip data, unchanged otherwise.
    /// - Throws: `InputError.readFailed` naming `path` when the gzip data is corrupt or truncated.
    /// - Complexity: O(n) in the decompressed size.
    public func decodeIfCompressed(_ bytes: [UInt8], path: String) throws(InputError) -> [UInt8] {
        guard Self.isGzip(bytes) else { return bytes }
        var output: UnsafeMutablePointer<UInt8>? = nil
        var length = 0
        let status = bytes.withUnsafeBufferPointer { input in
            dedup_gunzip(input.baseAddress, input.count, maximumOutputBytes, &output, &length)
        }
        defer { dedup_gzip_free(output) }
        switch status {
        case Int32(DEDUP_GZIP_OK):
            guard let output else { return [] }
            return Array(UnsafeBufferPointer(start: output, count: length))
        case Int32(DEDUP_GZIP_TRUNCATED):
            throw .readFailed(path: path, message: "gzip data is truncated")
        case Int32(DEDUP_GZIP_TOO_LARGE):
            throw .readFailed(path: path, message: "gzip data decompresses to more than \(maximumOutputBytes) bytes")
        case Int32(DEDUP_GZIP_NO_MEMORY):
            throw .readFailed(path: path, message: "out of memory while decompressing gzip data")
        default:
            throw .readFailed(path: path, message: "gzip data is corrupt")
        }
    }
}
