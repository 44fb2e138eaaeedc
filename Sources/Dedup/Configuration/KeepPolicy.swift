/// Which copy of a group of repeated paragraphs stays.
public enum KeepPolicy: String, Sendable, Codable, CaseIterable {
    /// The first copy in input order stays (streaming: documents can be planned one by one).
    case first
    /// The copy with the most letters, digits and ideographs stays (ties: the first). Needs every
    /// copy before deciding, so it is planned in a batch.
    case longest
    /// No copy stays, as cc_net does for boilerplate: every member of an exact or near group is
    /// removed, the first one too. A fragment removed as `contained` still leaves its container.
    case none
}
