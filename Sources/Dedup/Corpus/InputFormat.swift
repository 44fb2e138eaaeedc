/// How input files are read: whole files of text, or JSON Lines records with a text field.
public enum InputFormat: String, Sendable, CaseIterable {
    /// Each file is one document.
    case text
    /// Each non-blank line is a JSON object; one string field is the document's text.
    case jsonl

    /// The include glob used when none is given.
    public var defaultInclude: String {
        switch self {
        case .text: "*.txt"
        case .jsonl: "*.jsonl"
        }
    }
}
