/// One line of the JSON Lines report. The schema is versioned (`ReportRecord.schemaVersion`) and
/// documented in the README; new record kinds may be added within a version, fields are never
/// renamed or removed without bumping it.
public enum ReportRecord: Sendable, Equatable {
    /// First line of every report: format, version, tool, configuration and its fingerprint.
    case header(configuration: DedupConfiguration, toolVersion: String)
    /// A removed paragraph and the copy that stays.
    case removed(document: DocumentID, removal: Removal)
    /// A quote or bracket repair made by normalization (`reason` `quote-repair`).
    case repair(document: DocumentID, repair: ParagraphRepair)
    /// How a document was read, written when that is worth knowing: an encoding other than UTF-8,
    /// replaced invalid sequences, or paragraphs too large to check.
    case input(document: DocumentID, encoding: String, replaced: Int, oversizedParagraphs: Int)

    public static let schemaName = "dedup-report"
    public static let schemaVersion = 1

    /// The record as one line of JSON, without the trailing newline.
    public func jsonLine() -> [UInt8] {
        var json = JSONText(capacity: 192)
        json.beginObject()
        switch self {
        case .header(let configuration, let toolVersion):
            json.key("record"); json.string("header")
            json.key("schema"); json.string(Self.schemaName)
            json.key("version"); json.int(Self.schemaVersion)
            json.key("tool"); json.string("dedup \(toolVersion)")
            json.key("icu"); json.string(DedupConfiguration.icuVersion)
            json.key("config_fingerprint"); json.string(configuration.fingerprint)
            json.key("config"); json.raw(configuration.canonicalJSON())
        case .removed(let document, let removal):
            json.key("record"); json.string("removed")
            json.key("doc"); json.string(document.rawValue)
            json.key("paragraph"); json.int(removal.paragraph)
            json.key("reason"); json.string(removal.reason.rawValue)
            json.key("kept")
            json.beginObject()
            json.key("doc"); json.string(removal.kept.document.rawValue)
            json.key("paragraph"); json.int(removal.kept.paragraph)
            json.endObject()
            json.key("similarity"); json.double(removal.similarity)
        case .repair(let document, let located):
            json.key("record"); json.string("repair")
            json.key("doc"); json.string(document.rawValue)
            json.key("paragraph"); json.int(located.paragraph)
            json.key("reason"); json.string("quote-repair")
            json.key("action"); json.string(located.repair.action.rawValue)
            json.key("mark"); json.string(String(Character(located.repair.mark)))
            if let was = located.repair.was {
                json.key("was"); json.string(String(Character(was)))
            }
            json.key("char"); json.int(located.character)
            json.key("change"); json.string(located.change)
        case .input(let document, let encoding, let replaced, let oversized):
            json.key("record"); json.string("input")
            json.key("doc"); json.string(document.rawValue)
            json.key("encoding"); json.string(encoding)
            json.key("replaced"); json.int(replaced)
            json.key("oversized_paragraphs"); json.int(oversized)
        }
        json.endObject()
        return json.bytes
    }
}
