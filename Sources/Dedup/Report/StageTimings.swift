/// CPU seconds spent in each pipeline stage, summed over worker threads, so a slowdown points at
/// its stage. Filled by `CorpusRunner`; written to the stats file as `stage_seconds`.
public struct StageTimings: Sendable, Equatable {
    /// Reading files, gzip, JSONL scanning and decoding to UTF-8.
    public var readDecode: Double = 0
    /// Paragraph splitting, per-paragraph normalization and fingerprinting (match key, sketch).
    public var analyze: Double = 0
    /// Normalizing paragraphs (`ParagraphNormalizer`): the paragraphs the analyzer keys only
    /// once normalized, within `analyze`, and the kept paragraphs it left as read, within
    /// `assemble_write` (see `DocumentAnalyzer.normalizesLate`).
    public var normalize: Double = 0
    /// The part of `analyze` spent fingerprinting them (match key, shingles, MinHash, anchors).
    public var fingerprint: Double = 0
    /// Detection: the keep/remove decisions, in input order.
    public var detect: Double = 0
    /// Applying plans: rejoining, quote repair, assembling, report lines and writing outputs.
    public var assembleWrite: Double = 0

    public init() {}

    /// The stages in pipeline order, with the names used in the stats file (`fingerprint` is part
    /// of `analyze`, `normalize` part of `analyze` and `assemble_write`; both listed after `analyze`).
    public var byStage: [(name: String, seconds: Double)] {
        [("read_decode", readDecode), ("analyze", analyze), ("normalize", normalize), ("fingerprint", fingerprint),
         ("detect", detect), ("assemble_write", assembleWrite)]
    }

    public static func += (lhs: inout StageTimings, rhs: StageTimings) {
        lhs.readDecode += rhs.readDecode
        lhs.analyze += rhs.analyze
        lhs.normalize += rhs.normalize
        lhs.fingerprint += rhs.fingerprint
        lhs.detect += rhs.detect
        lhs.assembleWrite += rhs.assembleWrite
    }

    /// Seconds of a `ContinuousClock` duration.
    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// Runs `body` and adds its duration to the stage at `keyPath`.
    @inline(__always)
    mutating func time<R, Failure: Error>(
        _ stage: WritableKeyPath<StageTimings, Double>, _ body: () throws(Failure) -> R
    ) throws(Failure) -> R {
        let start = ContinuousClock.now
        defer { self[keyPath: stage] += Self.seconds(ContinuousClock.now - start) }
        return try body()
    }
}
