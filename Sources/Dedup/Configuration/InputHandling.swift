/// How input bytes become text, and how much of one paragraph the detector will look at.
///
/// Part of `DedupConfiguration` (and so of its fingerprint): the encoding a file is read in and the
/// paragraph size limit change what is removed.
public struct InputHandling: Sendable, Codable, Equatable {
    /// `auto` detects each file's encoding; a name (an ICU converter name or alias such as
    /// `GB18030`, `Big5`, `Shift_JIS`, `UTF-16LE`) forces it.
    public var encoding: EncodingChoice
    /// When true, an invalid byte sequence fails the file instead of becoming U+FFFD.
    public var strict: Bool
    /// Paragraphs longer than this many bytes (decoded UTF-8) are passed through unchanged and
    /// counted, never fingerprinted or removed, so one giant paragraph cannot blow up memory.
    public var maxParagraphBytes: Int

    public init(encoding: EncodingChoice, strict: Bool, maxParagraphBytes: Int) {
        self.encoding = encoding
        self.strict = strict
        self.maxParagraphBytes = maxParagraphBytes
    }
}

/// Which encoding to read input in: detected per file, or one named by the user.
public enum EncodingChoice: Sendable, Equatable, Codable, CustomStringConvertible {
    case auto
    /// A name ICU has a converter for, as the user spelled it, e.g. `GB18030`, `big5`, `UTF-16LE`.
    case named(String)

    /// Parses `auto` or an encoding name ICU has a converter for (any alias ICU knows, any case).
    /// - Returns: nil when ICU knows no such encoding.
    public init?(argument: String) {
        if argument.lowercased() == "auto" {
            self = .auto
        } else if ICUCharsets.canonicalName(argument) != nil {
            self = .named(argument)
        } else {
            return nil
        }
    }

    public var description: String {
        switch self {
        case .auto: "auto"
        case .named(let name): name
        }
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        self = text == "auto" ? .auto : .named(text)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
