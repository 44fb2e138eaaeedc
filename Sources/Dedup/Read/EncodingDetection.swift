/// How a file's encoding was decided, for notes on standard error and tests.
public enum EncodingBasis: Sendable, Equatable, CustomStringConvertible {
    /// A byte-order mark at the start (UTF-8, UTF-16, UTF-32).
    case byteOrderMark
    /// Every byte is ASCII or well-formed UTF-8.
    case validUTF8
    /// Mostly well-formed UTF-8 with some damage (at least twice as many well-formed multi-byte
    /// sequences as ill-formed ones): read as UTF-8, the damage replaced.
    case damagedUTF8
    /// ICU's charset detector, with its confidence (0-100).
    case detector(confidence: Int)
    /// The frequent-character fallback for short CJK texts (`CJKLegacyEncoding`), with its score.
    case frequentCharacters(score: Double)
    /// No detector was confident: read as UTF-8, the ill-formed bytes replaced.
    case noConfidentGuess
    /// `--encoding NAME`.
    case forced

    public var description: String {
        switch self {
        case .byteOrderMark: "byte-order mark"
        case .validUTF8: "valid UTF-8"
        case .damagedUTF8: "mostly valid UTF-8"
        case .detector(let confidence): "detected, ICU confidence \(confidence)"
        case .frequentCharacters(let score):
            "detected, \(Int((score * 100).rounded()))% of its characters in the frequent block"
        case .noConfidentGuess: "no confident guess, read as UTF-8"
        case .forced: "--encoding"
        }
    }
}

/// What `EncodingDetector` decided about one file.
public enum EncodingDetection: Sendable, Equatable {
    /// Text in `encoding` (an ICU converter name; "UTF-8" for UTF-8).
    case text(encoding: String, basis: EncodingBasis)
    /// Not text: skip the file. `reason` says why, for the message.
    case binary(reason: String)
}
