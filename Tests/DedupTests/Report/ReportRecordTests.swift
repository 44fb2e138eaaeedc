import Foundation
import Testing
@testable import Dedup

@Suite struct ReportRecordTests {
    @Test func removedRecordHasTheDocumentedShape() {
        let removal = Removal(
            paragraph: 28, reason: .exact,
            kept: ParagraphRef(document: DocumentID("a \"b\".txt"), paragraph: 25), similarity: 1.0)
        let line = ReportRecord.removed(document: DocumentID("a \"b\".txt"), removal: removal).jsonLine().utf8String
        #expect(line == #"{"record":"removed","doc":"a \"b\".txt","paragraph":28,"reason":"exact","kept":{"doc":"a \"b\".txt","paragraph":25},"similarity":1.0}"#)
    }

    @Test func headerIsValidJSONWithVersionAndFingerprint() throws {
        let line = ReportRecord.header(configuration: .default, toolVersion: "9.9").jsonLine()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
        #expect(object["schema"] as? String == "dedup-report")
        #expect(object["version"] as? Int == 1)
        #expect((object["config_fingerprint"] as? String)?.count == 16)
        let config = try #require(object["config"] as? [String: Any])
        #expect(config["icu"] as? String == DedupConfiguration.icuVersion)
    }

    @Test func fingerprintChangesWithTheConfiguration() {
        var other = DedupConfiguration.default
        other.seed += 1
        #expect(other.fingerprint != DedupConfiguration.default.fingerprint)
        #expect(DedupConfiguration.default.fingerprint == DedupConfiguration.default.fingerprint)
    }

    @Test func controlCharactersAreEscaped() {
        var json = JSONText()
        json.beginObject()
        json.key("s"); json.string("a\n\u{1}\\")
        json.key("n"); json.double(0.3333333333)
        json.endObject()
        #expect(json.bytes.utf8String == #"{"s":"a\n\u0001\\","n":0.333333}"#)
    }
}

@Suite struct RepairRecordTests {
    @Test func repairRecordHasTheDocumentedShape() {
        let repair = ParagraphRepair(
            paragraph: 24, character: 57, repair: QuoteRepair(action: .removed, mark: "”", byteOffset: 171))
        let line = ReportRecord.repair(document: DocumentID("a.txt"), repair: repair).jsonLine().utf8String
        #expect(line == #"{"record":"repair","doc":"a.txt","paragraph":24,"reason":"quote-repair","action":"removed","mark":"”","char":57,"change":"removed stray ” at char 57"}"#)
        let replaced = ParagraphRepair(
            paragraph: 3, character: 4, repair: QuoteRepair(action: .replaced, mark: "‘", was: "“", byteOffset: 12))
        #expect(ReportRecord.repair(document: DocumentID("a.txt"), repair: replaced).jsonLine().utf8String
            == #"{"record":"repair","doc":"a.txt","paragraph":3,"reason":"quote-repair","action":"replaced","mark":"‘","was":"“","char":4,"change":"replaced “ with ‘ at char 4"}"#)
    }

    @Test func summaryLineCountsNormalizations() {
        var summary = RunSummary()
        summary.normalization.punctuation = 10
        summary.normalization.paragraphsRejoined = 4
        summary.normalization.quoteRepairs = 2
        #expect(summary.line(seconds: 0).contains("16 normalizations (4 paragraphs rejoined, 2 quote repairs)"))
        #expect(!RunSummary().line(seconds: 0).contains("normalizations"))
    }
}
