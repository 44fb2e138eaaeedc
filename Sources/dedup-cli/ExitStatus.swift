import Dedup
import Glibc

/// The process exit codes the README documents.
enum ExitStatus {
    static let success: Int32 = 0
    static let inputFailed: Int32 = 1
    static let usage: Int32 = 2
}

/// A usage mistake found after parsing (for example a missing input file path in a wrong place):
/// reported like a parse error, exit code 2.
struct UsageError: Error, CustomStringConvertible {
    var description: String
}

/// Writes diagnostics to standard error, unbuffered, so they interleave correctly with progress.
enum StandardError {
    static func write(_ text: String) {
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = Glibc.write(2, buffer.baseAddress! + offset, buffer.count - offset)  // safe: count > 0
                if n <= 0 { return }
                offset += n
            }
        }
    }

    static func line(_ text: String) {
        write(text + "\n")
    }
}

/// Writes bytes to standard output.
enum StandardOutput {
    static func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    static func write(_ buffer: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < buffer.count {
            let n = Glibc.write(1, buffer.baseAddress! + offset, buffer.count - offset)  // safe: count > 0
            if n < 0 {
                if errno == EINTR { continue }
                throw OutputError.writeFailed(path: "-", message: String(cString: strerror(errno)))
            }
            offset += n
        }
    }
}
