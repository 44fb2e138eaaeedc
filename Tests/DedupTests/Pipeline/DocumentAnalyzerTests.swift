import Testing
@testable import Dedup

@Suite struct DocumentAnalyzerTests {
    /// A repeated match key shares the first occurrence's sketch; the fingerprint must equal the
    /// one computed from scratch.
    @Test func repeatedKeysGetTheSameFingerprintAsFreshOnes() {
        let paragraphs = [
            "和林格尔新区智能制造产业园正在建设之中，预计明年投产。",
            "The quick brown fox jumps over the lazy dog near the river bank.",
            "和林格尔新区智能制造产业园正在建设之中，预计明年投产。",
            "THE QUICK BROWN FOX jumps over the lazy dog near the river bank!",
            "短",
            "短",
        ]
        let text = paragraphs.joined(separator: "\n\n") + "\n"
        var analyzer = DocumentAnalyzer(configuration: .default)
        let analyzed = analyzer.analyze(UTF8InputDecoder().decode(Array(text.utf8)), id: DocumentID("t"))
        #expect(analyzed.paragraphs.count == paragraphs.count)
        for paragraph in analyzed.paragraphs {
            var fresh = ParagraphFingerprinter(configuration: .default)
            #expect(fresh.fingerprint(Array(paragraph.text)) == paragraph.fingerprint)
        }
        #expect(analyzed.paragraphs[0].fingerprint == analyzed.paragraphs[2].fingerprint)
        #expect(analyzed.paragraphs[1].fingerprint.exactKey == analyzed.paragraphs[3].fingerprint.exactKey)
    }

    /// Keys are computed a run of paragraphs ahead of the sketches (runs end at 64 paragraphs
    /// or 16 KiB of keys): across run boundaries, with oversized paragraphs and repeats inside
    /// runs and keys longer than a whole run, every fingerprint is the one computed alone.
    @Test func fingerprintsAcrossRunsOfParagraphsAreTheOnesComputedAlone() {
        var configuration = DedupConfiguration.default
        configuration.input.maxParagraphBytes = 20_000
        var paragraphs: [String] = []
        for i in 0..<300 {
            switch i % 37 {
            case 5: paragraphs.append(String(repeating: "长段落不检查,\(i)", count: 1_200))  // oversized
            case 11: paragraphs.append(String(repeating: "第\(i)段很长的正文内容，", count: 600))  // a 17 KB key
            case 20: paragraphs.append(paragraphs[i - 7])  // a repeat within the document
            default: paragraphs.append("第\(i)段：和林格尔新区智能制造产业园正在建设之中，预计明年投产。")
            }
        }
        let text = paragraphs.joined(separator: "\n\n") + "\n"
        var analyzer = DocumentAnalyzer(configuration: configuration)
        let analyzed = analyzer.analyze(UTF8InputDecoder().decode(Array(text.utf8)), id: DocumentID("t"))
        #expect(analyzed.paragraphs.count == paragraphs.count)
        #expect(analyzed.paragraphs.filter(\.isOversized).count == 8)
        var fresh = ParagraphFingerprinter(configuration: configuration)
        for paragraph in analyzed.paragraphs where !paragraph.isOversized {
            #expect(fresh.fingerprint(Array(paragraph.text)) == paragraph.fingerprint, "paragraph \(paragraph.index)")
        }
    }

    /// Each paragraph's text is its own: as read when its match key can be built by table (its
    /// normalization is left to the assembler), normalized when it cannot (a combining mark, a
    /// character beyond the BMP), the input bytes when oversized — whatever its neighbours were.
    /// Either way its fingerprint is the one of its normalized text.
    @Test func paragraphTextsAreAsReadOrNormalized() {
        var configuration = DedupConfiguration.default
        configuration.input.maxParagraphBytes = 120
        let paragraphs = [
            "科技“突围”工程,是自治区(部署);",  // keyed as read: ASCII punctuation in Chinese
            "Plain ASCII stays as it is.",  // keyed as read, unchanged
            String(repeating: "长段落不检查,", count: 10),  // oversized: passed through
            "e\u{301}tude: 科技(部署),工程;",  // a combining mark: normalized first
            "ＡＢＣ１２３ full width",  // keyed as read
            "𠮷野家,的(牛丼);",  // beyond the BMP: normalized first
            "短",
            "科技“突围”工程,是自治区(部署);",  // keyed as read again
        ]
        let text = paragraphs.joined(separator: "\n\n") + "\n"
        var analyzer = DocumentAnalyzer(configuration: configuration)
        let analyzed = analyzer.analyze(UTF8InputDecoder().decode(Array(text.utf8)), id: DocumentID("t"))
        var normalizer = ParagraphNormalizer(options: configuration.normalization)
        var fresh = ParagraphFingerprinter(configuration: configuration)
        #expect(analyzed.paragraphs.count == paragraphs.count)
        for (paragraph, input) in zip(analyzed.paragraphs, paragraphs) {
            let normalized = normalizer.normalize(Array(input.utf8)).text
            let expected = paragraph.isOversized || !paragraph.isNormalized ? Array(input.utf8) : normalized
            #expect(Array(paragraph.text) == expected, "paragraph \(paragraph.index)")
            if !paragraph.isOversized { #expect(paragraph.fingerprint == fresh.fingerprint(normalized), "paragraph \(paragraph.index)") }
        }
        #expect(analyzed.paragraphs.map(\.isOversized) == [false, false, true, false, false, false, false, false])
        #expect(analyzed.paragraphs.map(\.isNormalized) == [false, false, true, true, false, true, false, false])
        #expect(Array(analyzed.paragraphs[3].text) != Array(paragraphs[3].utf8))
        #expect(analyzed.lateNormalization == configuration.normalization)
        // What the analyzer normalized and changed is counted for the assembler, by position.
        #expect(analyzed.earlyNormalization.map(\.position) == [3, 5])

        // Traditional-Simplified changes letters, so every paragraph is normalized first.
        configuration.normalization.toSimplified = true
        var simplifying = DocumentAnalyzer(configuration: configuration)
        let simplified = simplifying.analyze(UTF8InputDecoder().decode(Array(text.utf8)), id: DocumentID("t"))
        #expect(simplified.paragraphs.allSatisfy { $0.isNormalized })
        #expect(simplified.lateNormalization == nil)
    }

    static let container = "和林格尔新区智能制造产业园正在建设之中，预计明年投产，首批入驻企业已经签约，涉及新能源装备和生物育种等八大方向。"
    static let fragment = "和林格尔新区智能制造产业园正在建设之中，预计明年投产，首批入驻企业已经签约。"
    static let other = "The quick brown fox jumps over the lazy dog near the river bank, twice a day."

    static func document(_ paragraphs: [String], _ id: String, with analyzer: inout DocumentAnalyzer) -> AnalyzedDocument {
        let text = paragraphs.joined(separator: "\n\n") + "\n"
        return analyzer.analyze(UTF8InputDecoder().decode(Array(text.utf8)), id: DocumentID(id))
    }

    /// With `defersRepeatedSketches`, a paragraph whose key an earlier document had gets no
    /// sketch; everything else (and every paragraph without the option) gets the fresh one.
    @Test func defersOnlySketchesOfKeysFromEarlierDocuments() {
        var deferring = DocumentAnalyzer(configuration: .default)
        deferring.defersRepeatedSketches = true
        var plain = DocumentAnalyzer(configuration: .default)
        let documents = [[Self.container, Self.other], [Self.other, Self.fragment, Self.other], [Self.fragment]]
        var fresh = ParagraphFingerprinter(configuration: .default)
        for (n, paragraphs) in documents.enumerated() {
            let deferred = Self.document(paragraphs, "d\(n)", with: &deferring)
            let full = Self.document(paragraphs, "d\(n)", with: &plain)
            for (d, f) in zip(deferred.paragraphs, full.paragraphs) {
                #expect(f.fingerprint == fresh.fingerprint(Array(f.text)))
                #expect(d.fingerprint.exactKey == f.fingerprint.exactKey)
                if d.fingerprint.sketch != nil { #expect(d.fingerprint == f.fingerprint) }
            }
        }
        // Re-analyzed with the same (deferring) analyzer history, per document:
        var again = DocumentAnalyzer(configuration: .default)
        again.defersRepeatedSketches = true
        let sketched = documents.enumerated().map { n, paragraphs in
            Self.document(paragraphs, "d\(n)", with: &again).paragraphs.map { $0.fingerprint.sketch != nil }
        }
        // d1: `other` was in d0 (deferred, and its in-document repeat shares that); `fragment` is new.
        // d2: `fragment` was in d1.
        #expect(sketched == [[true, true], [false, true, false], [false]])
    }

    /// Copies of a deferring analyzer (one per worker) share its table of earlier keys, and a key
    /// counts as earlier only for documents at or after the input position that had it.
    @Test func copiesShareEarlierKeysByInputPosition() {
        var prototype = DocumentAnalyzer(configuration: .default)
        prototype.defersRepeatedSketches = true
        var (first, second, third) = (prototype, prototype, prototype)
        first.inputPosition = 4
        _ = Self.document([Self.container], "d4", with: &first)
        third.inputPosition = 3  // before d4: d4's key is not earlier for it
        #expect(Self.document([Self.container], "d3", with: &third).paragraphs[0].fingerprint.sketch != nil)
        second.inputPosition = 5  // after d4 and d3, which the other copies analyzed
        #expect(Self.document([Self.container], "d5", with: &second).paragraphs[0].fingerprint.sketch == nil)
        // An analyzer that does not defer shares nothing.
        var plain = DocumentAnalyzer(configuration: .default)
        plain.inputPosition = 9
        #expect(Self.document([Self.container], "d9", with: &plain).paragraphs[0].fingerprint.sketch != nil)
    }
}
