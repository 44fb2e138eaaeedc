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
            #expect(fresh.fingerprint(paragraph.text) == paragraph.fingerprint)
        }
        #expect(analyzed.paragraphs[0].fingerprint == analyzed.paragraphs[2].fingerprint)
        #expect(analyzed.paragraphs[1].fingerprint.exactKey == analyzed.paragraphs[3].fingerprint.exactKey)
    }
}
