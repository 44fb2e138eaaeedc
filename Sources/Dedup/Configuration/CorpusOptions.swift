/// Which earlier paragraphs a paragraph is compared with.
public enum DedupScope: String, Sendable, Codable, CaseIterable {
    /// Anywhere earlier in the sorted input: boilerplate repeated across documents is removed.
    case corpus
    /// Only earlier in the same document (each file or JSONL record is cleaned on its own).
    case document
}

/// The configuration of a corpus run that changes what is removed (and so is fingerprinted).
public struct CorpusOptions: Sendable, Codable, Equatable {
    public var scope: DedupScope

    public init(scope: DedupScope) {
        self.scope = scope
    }
}
