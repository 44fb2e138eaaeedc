import Dedup
import Glibc

/// The progress line on standard error: files, MB, paragraphs per second, removed, ETA. Shown
/// only when standard error is a terminal, redrawn at most four times a second, erased at the end.
struct ProgressLine {
    let enabled: Bool
    let totalFiles: Int
    let totalBytes: Int
    private let started = ContinuousClock.now
    private var lastDrawn: ContinuousClock.Instant?

    init(enabled: Bool, totalFiles: Int, totalBytes: Int) {
        self.enabled = enabled && isatty(2) == 1
        self.totalFiles = totalFiles
        self.totalBytes = totalBytes
    }

    mutating func update(_ tally: CorpusTally) {
        guard enabled else { return }
        let now = ContinuousClock.now
        if let lastDrawn, now - lastDrawn < .milliseconds(250) { return }
        lastDrawn = now
        let seconds = Self.seconds(now - started)
        let megabytes = Double(tally.bytesRead) / 1_048_576
        let rate = seconds > 0 ? Double(tally.summary.paragraphsIn) / seconds : 0
        var eta = "?"
        if tally.bytesRead > 0 && totalBytes > 0 {
            let remaining = seconds * Double(max(0, totalBytes - tally.bytesRead)) / Double(tally.bytesRead)
            eta = "\(Int(remaining.rounded())) s"
        }
        let line = "dedup: \(tally.files)/\(totalFiles) files, \(Self.oneDecimal(megabytes)) MB, "
            + "\(Int(rate)) paragraphs/s, \(tally.summary.paragraphsRemoved) removed, ETA \(eta)"
        StandardError.write("\r\u{1B}[K" + line)
    }

    /// Erases the line (before other messages or at the end).
    mutating func clear() {
        guard enabled, lastDrawn != nil else { return }
        StandardError.write("\r\u{1B}[K")
        lastDrawn = nil
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    static func oneDecimal(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }
}
