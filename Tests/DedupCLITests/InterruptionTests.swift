import Foundation
import Glibc
import Testing

/// SIGINT and SIGTERM on a running `dedup` with a large input: the run stops with 130/143, says
/// how far it got, and leaves no temporary file and no partial output behind.
@Suite(.serialized) struct InterruptionTests {
    /// About `megabytes` MB of distinct short paragraphs.
    static func largeInput(megabytes: Int) -> [UInt8] {
        let body = Array("这是一个用于中断测试的段落，编号为".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity((megabytes << 20) + 128)
        var counter = 0
        while bytes.count < megabytes << 20 {
            bytes += body
            var digits: [UInt8] = []
            var n = counter
            repeat { digits.append(UInt8(0x30 + n % 10)); n /= 10 } while n > 0
            bytes += digits.reversed()
            bytes += [0x0A, 0x0A]
            counter += 1
        }
        return bytes
    }

    struct Outcome {
        var status: Int32
        var stderr: String
        var sawTemporaryFile: Bool
    }

    /// Starts `dedup clean input -o out`, waits for `trigger`, sends `signal`, waits for the end.
    static func interrupt(
        input: String, output: String, directory: String, signal: Int32,
        trigger: () -> Bool, timeout: TimeInterval = 120
    ) throws -> Outcome {
        let process = Process()
        process.executableURL = DedupProcess.binary
        process.arguments = ["clean", input, "-o", output]
        let errPipe = Pipe()
        process.standardError = errPipe
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        var triggered = false
        while process.isRunning && Date() < deadline {
            if trigger() {
                triggered = true
                kill(process.processIdentifier, signal)
                break
            }
            usleep(500)
        }
        let errData = errPipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(triggered, "the run ended before the signal could be sent")
        return Outcome(
            status: process.terminationStatus, stderr: String(decoding: errData, as: UTF8.self),
            sawTemporaryFile: triggered)
    }

    static func temporaryFiles(in directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.contains(".dedup-tmp-") }
    }

    @Test func sigintWhileTheOutputIsBeingWrittenLeavesNothingBehind() throws {
        let dir = try DedupProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let input = dir + "/in.txt"
        let bytes = Self.largeInput(megabytes: 64)
        try Data(bytes).write(to: URL(fileURLWithPath: input))
        let output = dir + "/out.txt"
        // Signal the moment the temporary output file appears: the write is in progress.
        let outcome = try Self.interrupt(
            input: input, output: output, directory: dir, signal: SIGINT,
            trigger: { !Self.temporaryFiles(in: dir).isEmpty })
        #expect(outcome.status == 130)
        #expect(outcome.stderr.contains("dedup: interrupted by SIGINT: 0 of 1 input finished"))
        #expect(outcome.stderr.contains("removed 1 unfinished temporary file"))
        #expect(Self.temporaryFiles(in: dir).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: output))
        #expect(try DedupProcess.read(input) == bytes)
    }

    @Test func sigtermWhileProcessingStopsWithoutOutput() throws {
        let dir = try DedupProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let input = dir + "/in.txt"
        let bytes = Self.largeInput(megabytes: 64)
        try Data(bytes).write(to: URL(fileURLWithPath: input))
        let output = dir + "/out.txt"
        let start = Date()
        let outcome = try Self.interrupt(
            input: input, output: output, directory: dir, signal: SIGTERM,
            trigger: { Date().timeIntervalSince(start) > 0.5 })
        #expect(outcome.status == 143)
        #expect(outcome.stderr.contains("dedup: interrupted by SIGTERM: 0 of 1 input finished"))
        #expect(Self.temporaryFiles(in: dir).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: output))
        #expect(try DedupProcess.read(input) == bytes)
    }
}
