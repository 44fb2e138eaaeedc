/// One paragraph of one document: the 0-based index among the document's blank-line-separated
/// input paragraphs.
public struct ParagraphRef: Hashable, Sendable, Codable {
    public var document: DocumentID
    public var paragraph: Int

    public init(document: DocumentID, paragraph: Int) {
        self.document = document
        self.paragraph = paragraph
    }
}
