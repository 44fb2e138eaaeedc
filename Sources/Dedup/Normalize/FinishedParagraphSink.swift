/// Receives the finished paragraphs of a `ParagraphFinisher.Stream`, in order.
public protocol FinishedParagraphSink {
    /// One finished paragraph.
    /// - Parameters:
    ///   - text: its text, valid only during the call (it may point into the caller's buffers).
    ///   - firstParagraph: the input paragraph it starts with.
    ///   - joinedSegments: the input paragraphs joined after it (empty for most).
    mutating func take(_ text: UnsafeBufferPointer<UInt8>, firstParagraph: Int, joinedSegments: [FinishedParagraph.Segment])
}
