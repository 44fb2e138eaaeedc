import Testing
@testable import Dedup

/// Properties of the Read, Segment and Fingerprint stages on seeded random hostile input
/// (`HostileTextGenerator`): no crash, well-formed UTF-8 out, idempotence, exact coverage.
@Suite struct PipelinePropertyTests {
    static let iterations = 3000

    func isWellFormed(_ bytes: [UInt8]) -> Bool {
        String(validating: bytes, as: UTF8.self) != nil
    }

    @Test func decodingGivesWellFormedLFTextAndIsIdempotent() {
        var generator = HostileTextGenerator(seed: 11)
        let decoder = UTF8InputDecoder()
        for _ in 0..<Self.iterations {
            let raw = generator.next()
            let decoded = decoder.decode(raw)
            #expect(isWellFormed(decoded.bytes), "\(raw)")
            #expect(!decoded.bytes.contains(0x0D), "\(raw)")
            #expect(ByteSurvey(decoded.bytes).isValidUTF8)
            // Decoding decoded text changes nothing (a second BOM at the start would be stripped).
            if !decoded.bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
                #expect(decoder.decode(decoded.bytes).bytes == decoded.bytes, "\(raw)")
            }
            // Replacements are counted: as many U+FFFD as the text had plus the replaced ones.
            let before = String(decoding: raw, as: UTF8.self).unicodeScalars.filter { $0 == "\u{FFFD}" }.count
            let after = String(decoding: decoded.bytes, as: UTF8.self).unicodeScalars.filter { $0 == "\u{FFFD}" }.count
            #expect(after == before, "\(raw)")
            let existing = raw.withUnsafeBufferPointer { ByteSurvey($0).invalidSequences }
            #expect(decoded.replacedSequences == existing)
        }
    }

    /// A line is blank when every scalar is White_Space or Default_Ignorable (Swift's own Unicode
    /// tables, independent of the splitter's ICU lookups).
    func referenceParagraphs(_ text: [UInt8]) -> [UTF8ByteRange] {
        var result: [UTF8ByteRange] = []
        var start: Int? = nil
        var end = 0
        var lineStart = 0
        for lineEnd in (text.indices.filter { text[$0] == 0x0A } + [text.count]) {
            let line = String(decoding: text[lineStart..<lineEnd], as: UTF8.self)
            let blank = line.unicodeScalars.allSatisfy {
                $0.properties.isWhitespace || $0.properties.isDefaultIgnorableCodePoint
            }
            if blank {
                if let s = start { result.append(UTF8ByteRange(s, end)); start = nil }
            } else {
                if start == nil { start = lineStart }
                end = lineEnd
            }
            lineStart = lineEnd + 1
        }
        if let s = start { result.append(UTF8ByteRange(s, end)) }
        return result
    }

    @Test func splitterSpansCoverExactlyTheNonBlankLines() {
        var generator = HostileTextGenerator(seed: 12)
        let decoder = UTF8InputDecoder()
        let splitter = ParagraphSplitter()
        for _ in 0..<Self.iterations {
            let text = decoder.decode(generator.next()).bytes
            let spans = splitter.split(text)
            #expect(spans == referenceParagraphs(text), "\(text)")
            for span in spans {
                #expect(span.count > 0)
                #expect(isWellFormed(Array(text[span.range])))
            }
        }
    }

    @Test func matchKeysAreWellFormedDeterministicAndIdempotent() {
        var generator = HostileTextGenerator(seed: 13)
        let decoder = UTF8InputDecoder()
        var keys = MatchKeyBuilder()
        var fingerprinter = ParagraphFingerprinter(configuration: .default)
        for _ in 0..<Self.iterations {
            let text = decoder.decode(generator.next()).bytes
            let (key, significant) = keys.key(of: text)
            #expect(isWellFormed(key), "\(text)")
            #expect(significant <= String(decoding: key, as: UTF8.self).unicodeScalars.count)
            #expect(keys.key(of: key).bytes == key, "key of a key changed: \(text)")
            #expect(fingerprinter.fingerprint(text) == fingerprinter.fingerprint(text))
        }
    }

    @Test func detectionAndConversionNeverYieldIllFormedText() {
        var generator = HostileTextGenerator(seed: 14)
        let decoder = InputDecoder(options: DedupConfiguration.default.input)
        for _ in 0..<Self.iterations {
            let raw = generator.next()
            do {
                let decoded = try decoder.decode(raw, path: "p")
                #expect(isWellFormed(decoded.bytes), "\(raw) read as \(decoded.encoding)")
                #expect(!decoded.bytes.contains(0x0D))
            } catch {
                // Only binary verdicts may fail a lenient decode.
                guard case .binary = error else {
                    Issue.record("unexpected \(error) for \(raw)")
                    continue
                }
            }
        }
    }

    @Test func cleaningIsIdempotentAndKeepsAnOrderedSubset() {
        var generator = HostileTextGenerator(seed: 15)
        var configuration = DedupConfiguration.default
        configuration.minSignificantCharacters = 1
        for _ in 0..<200 {  // each document runs the whole pipeline twice: 200 keep the suite fast
            // Few pieces per document and a small alphabet, so repeats actually happen.
            var raw: [UInt8] = []
            for _ in 0..<8 { raw += generator.next(maxPieces: 4) + [0x0A, 0x0A] }
            var pipeline = CleaningPipeline(configuration: configuration)
            let cleaned = pipeline.clean(raw, id: DocumentID("a"))
            #expect(isWellFormed(cleaned.output))
            let kept = cleaned.analyzed.paragraphs.filter { !cleaned.plan.removedParagraphs.contains($0.index) }
            let output = ParagraphSplitter().split(cleaned.output).map { Array(cleaned.output[$0.range]) }
            if !cleaned.output.starts(with: [0xEF, 0xBB, 0xBF]) {
                // After the plan, quote repair may drop or add marks and rejoining may merge
                // paragraphs; neither changes what the match keys see (punctuation and spaces are
                // not in a key), so the keys of the output are those of the kept paragraphs, in order.
                var keys = MatchKeyBuilder()
                #expect(
                    output.flatMap { keys.key(of: $0).bytes } == kept.flatMap { keys.key(of: Array($0.text)).bytes },
                    "\(raw)")
                var again = CleaningPipeline(configuration: configuration)
                #expect(again.clean(cleaned.output, id: DocumentID("b")).output == cleaned.output, "\(raw)")
            }
        }
    }
}
