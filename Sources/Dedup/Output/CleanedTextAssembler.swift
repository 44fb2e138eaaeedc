/// Applies a `RemovalPlan` to an analyzed document: the kept paragraphs, in order, separated by one
/// blank line, with a final newline (an empty document stays empty).
public struct CleanedTextAssembler: Sendable {
    public init() {}

    /// - Complexity: O(n) in the output size.
    public func assemble(_ document: AnalyzedDocument, plan: RemovalPlan) -> [UInt8] {
        let removed = plan.removedParagraphs
        var output: [UInt8] = []
        output.reserveCapacity(document.decoded.bytes.count)
        for paragraph in document.paragraphs where !removed.contains(paragraph.index) {
            if !output.isEmpty { output.append(contentsOf: [0x0A, 0x0A]) }
            output.append(contentsOf: paragraph.text)
        }
        if !output.isEmpty { output.append(0x0A) }
        return output
    }
}
