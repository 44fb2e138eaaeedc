import CICU

/// Normalizes one paragraph's text: the per-paragraph steps that run before duplicate detection
/// (invisible and space cleanup, width folding, line joining, context punctuation and straight
/// quotes, optional Traditional-Simplified). The work is done in C++ (`normalize.cpp`) so that no
/// per-character call crosses from Swift; this type owns the output and work buffers.
///
/// Quote balancing and cut-paragraph rejoining are not here: they run after the removal plan
/// (`ParagraphFinisher`), because a repeated fragment must be detected before it is joined.
///
/// A value per worker (the buffers are reused); pure given its options.
public struct ParagraphNormalizer: Sendable {
    public let options: NormalizationOptions
    private let flags: UInt32
    private var output: [UInt8]
    private var work: [UInt32]

    public init(options: NormalizationOptions) {
        self.options = options
        var flags: UInt32 = 0
        if options.whitespace { flags |= UInt32(DEDUP_NORM_WHITESPACE) }
        if options.width { flags |= UInt32(DEDUP_NORM_WIDTH) }
        if options.punctuation { flags |= UInt32(DEDUP_NORM_PUNCTUATION) }
        if options.quotes { flags |= UInt32(DEDUP_NORM_QUOTES) }
        if options.lineJoin { flags |= UInt32(DEDUP_NORM_LINES) }
        if options.toSimplified { flags |= UInt32(DEDUP_NORM_SIMPLIFIED) }
        self.flags = flags
        self.output = []  // grown on first use
        self.work = []
    }

    /// True when no per-paragraph step is on (the text is copied as is).
    public var isIdentity: Bool { flags == 0 }

    /// The normalized text of `text` (well-formed UTF-8), adding what changed to `counts`.
    /// - Complexity: O(n) in the paragraph's length.
    public mutating func normalize(
        _ text: UnsafeBufferPointer<UInt8>, counts: inout NormalizationCounts
    ) -> [UInt8] {
        normalizeWithShape(text, counts: &counts).text
    }

    /// Like `normalize`, also measuring the result's shape for the rejoiner and the balancer.
    public mutating func normalizeWithShape(
        _ text: UnsafeBufferPointer<UInt8>, counts: inout NormalizationCounts
    ) -> (text: [UInt8], shape: ParagraphShape) {
        withNormalized(text, counts: &counts) { (Array($0), $1) }
    }

    /// Normalizes `text` and hands the result to `body` without copying it: the buffer is this
    /// normalizer's (or, when no step is on, `text` itself) and is valid only inside `body`.
    /// - Complexity: O(n) in the paragraph's length.
    public mutating func withNormalized<R>(
        _ text: UnsafeBufferPointer<UInt8>, counts: inout NormalizationCounts,
        _ body: (UnsafeBufferPointer<UInt8>, ParagraphShape) -> R
    ) -> R {
        if flags == 0 { return body(text, ParagraphShape(of: text)) }
        var c: (Int32, Int32, Int32, Int32, Int32, Int32, Int32, Int32) = (0, 0, 0, 0, 0, 0, 0, 0)
        var shape = dedup_paragraph_shape()
        // Grown geometrically, from the first paragraph's size: no large floor, because a fresh
        // normalizer per short document (tests, the fuzzer) would pay for zeroing it every time.
        if output.count < 3 * text.count + 16 { output = [UInt8](repeating: 0, count: max(3 * text.count + 16, 2 * output.count)) }
        // Words the C side needs (DEDUP_NORM_WORK_WORDS, a macro Swift cannot import).
        let workWords = 6 * text.count + 64
        if work.count < workWords { work = [UInt32](repeating: 0, count: max(workWords, 2 * work.count)) }
        while true {
            let length = output.withUnsafeMutableBufferPointer { dest in
                work.withUnsafeMutableBufferPointer { scratch in
                    withUnsafeMutablePointer(to: &c) { tuple in
                        tuple.withMemoryRebound(to: Int32.self, capacity: 8) { counters in
                            dedup_icu_normalize_paragraph(
                                text.baseAddress, Int32(clamping: text.count), dest.baseAddress,
                                Int32(clamping: dest.count), flags | UInt32(DEDUP_NORM_KEEP_SOURCE), scratch.baseAddress,
                                Int64(scratch.count), counters, &shape)
                        }
                    }
                }
            }
            if length == Int32(DEDUP_NORM_UNCHANGED) {
                // Nothing changed: the text itself, not a copy.
                counts.add(cCounts: c)
                return body(text, ParagraphShape(shape))
            }
            if length >= 0 {
                counts.add(cCounts: c)
                let measured = ParagraphShape(shape)
                return output.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[0..<Int(length)]), measured) }
            }
            if length == Int32.min {
                // ICU could not open a service (Traditional-Simplified data missing): keep the text.
                return body(text, ParagraphShape(of: text))
            }
            output = [UInt8](repeating: 0, count: Int(-length) + 64)
        }
    }

    /// Normalizes `text` as one paragraph again (used on rejoined paragraphs, whose context
    /// punctuation and pairs may span the join).
    public mutating func normalizeWithShape(_ text: [UInt8], counts: inout NormalizationCounts) -> (text: [UInt8], shape: ParagraphShape) {
        text.withUnsafeBufferPointer { normalizeWithShape($0, counts: &counts) }
    }

    /// Convenience for tests and tools.
    public mutating func normalize(_ text: [UInt8]) -> (text: [UInt8], counts: NormalizationCounts) {
        var counts = NormalizationCounts()
        let out = text.withUnsafeBufferPointer { normalize($0, counts: &counts) }
        return (out, counts)
    }
}
