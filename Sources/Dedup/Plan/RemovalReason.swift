/// Why a paragraph was removed. The raw values are the report's `reason` strings.
public enum RemovalReason: String, Sendable, Codable, CaseIterable, Comparable {
    /// Same match key as an earlier paragraph.
    case exact
    /// Shingle Jaccard similarity to a kept paragraph at or above the threshold.
    case near
    /// Most of its shingles lie inside one kept paragraph (a repeated fragment).
    case contained

    public static func < (lhs: RemovalReason, rhs: RemovalReason) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!  // safe: both are cases
    }
}
