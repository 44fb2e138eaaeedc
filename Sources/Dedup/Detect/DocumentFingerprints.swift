/// A document reduced to what planning needs: its id and each paragraph's fingerprint, no text.
/// Corpus runs fingerprint everything in a first pass, plan with `BatchDuplicatePlanner`, and
/// read the text again only to write it.
public struct DocumentFingerprints: Sendable, Equatable {
    public struct Paragraph: Sendable, Equatable {
        /// 0-based index among the document's input paragraphs.
        public var index: Int
        public var fingerprint: ParagraphFingerprint

        public init(index: Int, fingerprint: ParagraphFingerprint) {
            self.index = index
            self.fingerprint = fingerprint
        }
    }

    public var id: DocumentID
    public var paragraphs: [Paragraph]

    public init(id: DocumentID, paragraphs: [Paragraph]) {
        self.id = id
        self.paragraphs = paragraphs
    }

    /// The fingerprints of an analyzed document. Oversized paragraphs (over
    /// `--max-paragraph-bytes`) have no fingerprint and are left out: they are never removed.
    public init(_ document: AnalyzedDocument) {
        self.init(
            id: document.id,
            paragraphs: document.paragraphs.filter { !$0.isOversized }.map {
                Paragraph(index: $0.index, fingerprint: $0.fingerprint)
            })
    }
}
