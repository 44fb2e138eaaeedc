/// One input paragraph after normalization and fingerprinting.
public struct AnalyzedParagraph: Sendable, Equatable {
    /// 0-based index among the document's blank-line-separated input paragraphs.
    public var index: Int
    /// Where the paragraph lies in the document's decoded text.
    public var span: UTF8ByteRange
    /// The paragraph as it will be written if kept (UTF-8), or, when `isNormalized` is false, as
    /// read: a slice of a buffer the document's paragraphs share (see `DocumentAnalyzer`), so its
    /// indices need not start at 0.
    public var text: ArraySlice<UInt8>
    /// False when `text` is the paragraph as read, keyed before normalization (its key is the
    /// key of its normalized text, see `DocumentAnalyzer.normalizesLate`), and `shape` is a
    /// placeholder: the assembler normalizes it if it is kept, with the document's
    /// `lateNormalization` options.
    public var isNormalized = true
    public var fingerprint: ParagraphFingerprint
    /// What the after-plan steps (`ParagraphFinisher`) need to know about `text`, as the
    /// normalizer measured it in its own pass (fields it leaves unmeasured are measured on demand).
    public var shape: ParagraphShape
    /// Longer than `InputHandling.maxParagraphBytes`: passed through unchanged, never fingerprinted
    /// (its `fingerprint` is empty), never removed and never matched.
    public var isOversized: Bool

    public init(
        index: Int, span: UTF8ByteRange, text: ArraySlice<UInt8>, fingerprint: ParagraphFingerprint,
        shape: ParagraphShape? = nil, isOversized: Bool = false
    ) {
        self.index = index
        self.span = span
        self.text = text
        self.fingerprint = fingerprint
        self.shape = shape ?? text.withUnsafeBufferPointer { ParagraphShape(of: $0) }
        self.isOversized = isOversized
    }

    public init(
        index: Int, span: UTF8ByteRange, text: [UInt8], fingerprint: ParagraphFingerprint,
        shape: ParagraphShape? = nil, isOversized: Bool = false
    ) {
        self.init(index: index, span: span, text: text[...], fingerprint: fingerprint, shape: shape, isOversized: isOversized)
    }
}

/// A document ready for detection: decoded, split, normalized and fingerprinted.
public struct AnalyzedDocument: Sendable {
    public var id: DocumentID
    public var decoded: DecodedText
    public var paragraphs: [AnalyzedParagraph]
    /// What normalization changed in the paragraphs the analyzer normalized (the others are
    /// normalized by the assembler if kept), by position in `paragraphs`, ascending; only
    /// paragraphs it changed. The assembler counts the changes in the paragraphs it writes.
    public var earlyNormalization: [EarlyNormalization] = []
    /// The options to normalize the paragraphs left as read with (`AnalyzedParagraph.isNormalized`);
    /// nil when there are none.
    public var lateNormalization: NormalizationOptions?

    /// What normalization changed in one paragraph the analyzer normalized.
    public struct EarlyNormalization: Sendable {
        public var position: Int
        public var counts: NormalizationCounts
    }

    /// Numbers the paragraphs `first`, `first + 1`, … (a part of a file read in parts continues
    /// the numbering of the parts before it, so reports and removals name paragraphs of the file).
    /// - Complexity: O(paragraphs).
    public mutating func numberParagraphs(from first: Int) {
        for i in paragraphs.indices { paragraphs[i].index = first + i }
    }

    /// Paragraphs passed through unchecked because of their size.
    public var oversizedParagraphs: Int { paragraphs.reduce(0) { $0 + ($1.isOversized ? 1 : 0) } }

    public init(id: DocumentID, decoded: DecodedText, paragraphs: [AnalyzedParagraph]) {
        self.id = id
        self.decoded = decoded
        self.paragraphs = paragraphs
    }
}
