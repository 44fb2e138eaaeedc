/// A MinHash signature: one 32-bit minimum per bin. Two signatures agree in a given position with
/// probability close to the Jaccard similarity of the two shingle sets.
public struct MinHashSignature: Sendable, Equatable {
    public var values: [UInt32]

    public init(values: [UInt32]) {
        self.values = values
    }

    /// The fraction of positions where the two signatures agree: an estimate of Jaccard.
    /// - Precondition: both signatures have the same length.
    public func estimatedJaccard(with other: MinHashSignature) -> Double {
        guard !values.isEmpty, values.count == other.values.count else { return 0 }
        var equal = 0
        for i in values.indices where values[i] == other.values[i] { equal += 1 }
        return Double(equal) / Double(values.count)
    }
}
