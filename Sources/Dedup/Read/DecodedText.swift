/// A document's text after decoding: well-formed UTF-8, no BOM, lines ended by LF only.
///
/// Byte offsets elsewhere in the pipeline (paragraph spans) are offsets into `bytes`.
public struct DecodedText: Sendable, Equatable {
    /// Well-formed UTF-8 with LF line ends.
    public var bytes: [UInt8]
    /// The encoding the input was read as, e.g. "UTF-8".
    public var encoding: String
    /// How many ill-formed sequences were replaced by U+FFFD.
    public var replacedSequences: Int
    /// The 1-based line (in the decoded text) of the first replacement, for warnings.
    public var firstReplacementLine: Int?
    /// True when a byte-order mark was removed from the start.
    public var hadByteOrderMark: Bool
    /// How `encoding` was decided (nil when the caller decoded UTF-8 directly).
    public var basis: EncodingBasis?

    public init(
        bytes: [UInt8], encoding: String = "UTF-8", replacedSequences: Int = 0,
        firstReplacementLine: Int? = nil, hadByteOrderMark: Bool = false
    ) {
        self.bytes = bytes
        self.encoding = encoding
        self.replacedSequences = replacedSequences
        self.firstReplacementLine = firstReplacementLine
        self.hadByteOrderMark = hadByteOrderMark
    }
}
