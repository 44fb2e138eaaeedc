/// The `--stats` file: one JSON object summarising a run (schema `dedup-stats`, documented in
/// the README). Keys are written in a fixed order.
public struct CorpusStats: Sendable {
    public static let schemaName = "dedup-stats"
    public static let schemaVersion = 1

    public var tally: CorpusTally
    public var configuration: DedupConfiguration
    public var toolVersion: String
    public var format: InputFormat
    public var jobs: Int
    public var seconds: Double
    /// The kept-paragraph index at the end of the run (corpus scope, `--keep first`), or nil.
    public var index: (keptParagraphs: Int, bytes: Int)?

    public init(
        tally: CorpusTally, configuration: DedupConfiguration, toolVersion: String, format: InputFormat,
        jobs: Int, seconds: Double, index: (keptParagraphs: Int, bytes: Int)? = nil
    ) {
        self.index = index
        self.tally = tally
        self.configuration = configuration
        self.toolVersion = toolVersion
        self.format = format
        self.jobs = jobs
        self.seconds = seconds
    }

    /// The stats as JSON text with a final newline.
    public func json() -> [UInt8] {
        let summary = tally.summary
        var json = JSONText()
        json.beginObject()
        json.key("schema"); json.string(Self.schemaName)
        json.key("version"); json.int(Self.schemaVersion)
        json.key("tool"); json.string("dedup \(toolVersion)")
        json.key("icu"); json.string(DedupConfiguration.icuVersion)
        json.key("config_fingerprint"); json.string(configuration.fingerprint)
        json.key("config"); json.raw(configuration.canonicalJSON())
        json.key("seed"); json.int(Int(configuration.seed))
        json.key("run")
        json.beginObject()
        json.key("format"); json.string(format.rawValue)
        json.key("scope"); json.string(configuration.corpus.scope.rawValue)
        json.key("jobs"); json.int(jobs)
        json.key("seconds"); json.double(seconds)
        json.endObject()
        json.key("inputs")
        json.beginObject()
        json.key("files"); json.int(tally.files)
        json.key("files_failed"); json.int(tally.filesFailed)
        json.key("skipped"); json.int(tally.skipped.count)
        json.key("documents"); json.int(summary.documents)
        json.key("unusable_records"); json.int(tally.unusableRecords)
        json.key("dropped_records"); json.int(tally.droppedRecords)
        json.key("replaced_sequences"); json.int(summary.replacedSequences)
        json.key("oversized_paragraphs"); json.int(summary.oversizedParagraphs)
        json.key("encodings")
        json.beginObject()
        for (encoding, count) in tally.encodings.sorted(by: { $0.key < $1.key }) {
            json.key(encoding); json.int(count)
        }
        json.endObject()
        json.endObject()
        json.key("paragraphs")
        json.beginObject()
        json.key("in"); json.int(summary.paragraphsIn)
        json.key("removed"); json.int(summary.paragraphsRemoved)
        json.key("kept"); json.int(summary.paragraphsIn - summary.paragraphsRemoved)
        json.key("removed_by_reason")
        json.beginObject()
        for reason in RemovalReason.allCases {
            json.key(reason.rawValue); json.int(summary.removedByReason[reason, default: 0])
        }
        json.endObject()
        json.endObject()
        json.key("normalization")
        json.beginObject()
        for (name, count) in summary.normalization.byKind {
            json.key(name); json.int(count)
        }
        json.endObject()
        json.key("bytes")
        json.beginObject()
        json.key("read"); json.int(tally.bytesRead)
        json.key("in"); json.int(summary.bytesIn)
        json.key("out"); json.int(summary.bytesOut)
        json.endObject()
        json.key("index")
        if let index {
            json.beginObject()
            json.key("kept_paragraphs"); json.int(index.keptParagraphs)
            json.key("bytes"); json.int(index.bytes)
            json.key("bytes_per_kept_paragraph"); json.int(index.keptParagraphs > 0 ? index.bytes / index.keptParagraphs : 0)
            json.endObject()
        } else {
            json.raw("null")
        }
        json.key("stage_seconds")
        json.beginObject()
        for (name, seconds) in tally.timings.byStage {
            json.key(name); json.double(seconds)
        }
        json.endObject()
        json.key("failures")
        Self.pathMessages(tally.failures, into: &json)
        json.key("skipped")
        Self.pathMessages(
            tally.skipped.filter { !$0.isFailure }.map { (path: $0.path, message: $0.description) }, into: &json)
        json.endObject()
        return json.bytes + [0x0A]
    }

    /// An array of `{"path":…,"message":…}` objects, in order.
    private static func pathMessages(_ entries: [(path: String, message: String)], into json: inout JSONText) {
        json.beginArray()
        for entry in entries {
            json.beginObject()
            json.key("path"); json.string(entry.path)
            json.key("message"); json.string(entry.message)
            json.endObject()
        }
        json.endArray()
    }
}
