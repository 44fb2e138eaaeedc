import PropertyBased
import Testing
@testable import Dedup

/// The same properties as `PipelinePropertyTests`, driven by PropertyBased: every run draws new
/// inputs (a failure prints the seed to replay with `.fixedSeed(…)`) and a failing input is shrunk
/// to the fewest pieces that still fail. `PipelinePropertyTests` stays as the deterministic,
/// seeded baseline.
@Suite struct ShrinkingPropertyTests {
    /// Hostile text as a list of pieces (so shrinking removes whole pieces): CJK, mixed scripts,
    /// blanks, CR/LF, quotes, ill-formed UTF-8, single arbitrary bytes.
    static let hostileText = Gen<[UInt8]?>.element(
        of: HostileTextGenerator.pieces + HostileTextGenerator.breaks + HostileTextGenerator.illFormed
            + (0...255).map { [UInt8($0)] }
    ).map { $0 ?? [] }.array(of: 0...80)

    @Test func decodeSplitAndKeyKeepTheirContracts() async {
        await propertyCheck(count: 500, input: Self.hostileText) { pieces in
            let raw = pieces.flatMap { $0 }
            let decoded = UTF8InputDecoder().decode(raw)
            #expect(String(validating: decoded.bytes, as: UTF8.self) != nil)
            #expect(!decoded.bytes.contains(0x0D))
            if !decoded.bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
                #expect(UTF8InputDecoder().decode(decoded.bytes).bytes == decoded.bytes)
            }
            var previousEnd = -1
            var keys = MatchKeyBuilder()
            for span in ParagraphSplitter().split(decoded.bytes) {
                #expect(span.lowerBound > previousEnd && span.count > 0)
                previousEnd = span.upperBound
                let text = Array(decoded.bytes[span.range])
                let key = keys.key(of: text).bytes
                #expect(String(validating: key, as: UTF8.self) != nil)
                #expect(keys.key(of: key).bytes == key)
            }
        }
    }

    @Test func detectedDecodingIsWellFormedOrBinary() async {
        let decoder = InputDecoder(options: DedupConfiguration.default.input)
        await propertyCheck(count: 500, input: Self.hostileText) { pieces in
            let raw = pieces.flatMap { $0 }
            do {
                let decoded = try decoder.decode(raw, path: "p")
                #expect(String(validating: decoded.bytes, as: UTF8.self) != nil)
                #expect(!decoded.bytes.contains(0x0D))
            } catch {
                if case InputDecodingError.binary = error {} else { Issue.record("unexpected \(error)") }
            }
        }
    }
}
