import Foundation
import Glibc
import Testing

/// SIGINT and SIGTERM on a running `dedup` with a large input: the run stops with 130/143, says
/// how far it got, and leaves no temporary file and no partial output behind.
@Suite(.serialized) struct InterruptionTests {
    /// About `megabytes` MB of distinct short paragraphs: 24 seeded pseudo-random ideographs each,
    /// so they share no shingles and the run's time goes to ordinary per-paragraph work.
    static func largeInput(megabytes: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity((megabytes << 20) + 128)
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        while bytes.count < megabytes << 20 {
            for _ in 0..<24 {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                let scalar = 0x4E00 + UInt32((state >> 33) % 0x5000)  // CJK Unified Ideographs
                bytes += [
                    UInt8(0xE0 | (scalar >> 12)), UInt8(0x80 | ((scalar >> 6) & 0x3F)), UInt8(0x80 | (scalar & 0x3F)),
                ]
            }
            bytes += Array("。".utf8) + [0x0A, 0x0A]
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
        extraArguments: [String] = [], trigger: () -> Bool, timeout: TimeInterval = 120
    ) throws -> Outcome {
        let process = Process()
        process.executableURL = DedupProcess.binary
        process.arguments = ["clean", input, "-o", output] + extraArguments
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
        let report = dir + "/report.jsonl"
        // The report is streamed to its temporary file from the start of the run, so the signal
        // reliably lands while an output is being written (the text output's own temporary file
        // lives only for the milliseconds of its write, too short to hit from a loaded test host).
        let outcome = try Self.interrupt(
            input: input, output: output, directory: dir, signal: SIGINT, extraArguments: ["--report", report],
            trigger: { !Self.temporaryFiles(in: dir).isEmpty })
        #expect(outcome.status == 130)
        #expect(outcome.stderr.contains("dedup: interrupted by SIGINT: 0 of 1 input finished"))
        #expect(outcome.stderr.contains("unfinished temporary file"))
        #expect(Self.temporaryFiles(in: dir).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: output))
        #expect(!FileManager.default.fileExists(atPath: report))
        #expect(try DedupProcess.read(input) == bytes)
    }

    /// A new output tree is staged under a temporary name: interrupted while it fills, the run
    /// leaves neither it nor the output directory, nor the directories it made to hold them.
    @Test func sigintWhileANewOutputTreeFillsLeavesNoTree() throws {
        let dir = try DedupProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir + "/in", withIntermediateDirectories: true)
        let bytes = Self.largeInput(megabytes: 1)
        for i in 0..<48 {
            // Distinct files: each one's paragraphs are its own (a prefix per line).
            let file = Array("文件\(i)\n\n".utf8) + bytes
            try Data(file).write(to: URL(fileURLWithPath: dir + "/in/f\(i).txt"))
        }
        let parent = dir + "/new/parent"
        let output = parent + "/out"
        let outcome = try Self.interrupt(
            input: dir + "/in", output: output, directory: dir, signal: SIGINT, extraArguments: ["--jobs", "1"],
            trigger: {
                // Once the staging tree holds a finished output.
                guard let staging = Self.temporaryFiles(in: parent).first else { return false }
                return !((try? FileManager.default.contentsOfDirectory(atPath: parent + "/" + staging)) ?? []).isEmpty
            })
        #expect(outcome.status == 130)
        #expect(outcome.stderr.contains("dedup: interrupted by SIGINT"))
        #expect(outcome.stderr.contains("unfinished temporary file"))
        #expect(Self.temporaryFiles(in: parent).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: output))
        #expect(!FileManager.default.fileExists(atPath: dir + "/new"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/in").count == 48)
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
