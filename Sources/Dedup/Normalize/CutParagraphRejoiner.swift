import CICU

/// Rejoins paragraphs that a column or page break cut in two (`……生物育` + `种等八大方向。`).
///
/// A kept paragraph A is joined with the next kept paragraph B when all of these hold:
/// - A and B were adjacent in the input (B's index is A's last index + 1). A paragraph whose
///   continuation was removed as a repeat stays as it is: the continuation's text survives in the
///   earlier copy that was kept, which is not A's neighbour, so nothing is pulled across the document.
/// - A is body text that stops mid-sentence: it ends with a letter, digit, ideograph, an opening
///   quote or bracket, or a dash or connector (ICU general category L*, N*, Ps, Pi, Pd, Pc), it
///   holds at least `rejoinMinCharacters` letters, digits and ideographs, and at least one
///   punctuation mark. Headings, captions and bylines are short or unpunctuated and never qualify.
/// - B continues it: it starts with a letter, digit or ideograph and either contains
///   sentence-final punctuation or is itself at least `rejoinMinCharacters` long.
/// Joined text gets no separator between CJK characters, one space between two non-CJK letters or
/// digits, and a wrap hyphen (`exam-` + `ple`) is dropped. Chains (A + B + C) are joined in turn.
public struct CutParagraphRejoiner: Sendable {
    public let minimumCharacters: Int

    public init(minimumCharacters: Int) {
        self.minimumCharacters = minimumCharacters
    }

    /// One kept paragraph: its input index and normalized text.
    public typealias Input = (index: Int, text: [UInt8])

    /// The paragraphs after rejoining, and how many joins were made.
    /// - Complexity: O(n) in the total length; only candidate paragraphs are scanned in full.
    public func rejoin(_ paragraphs: [Input]) -> (paragraphs: [FinishedParagraph], joins: Int) {
        var result: [FinishedParagraph] = []
        result.reserveCapacity(paragraphs.count)
        var joins = 0
        var lastIndex = -2
        var lastIsCut = false
        for paragraph in paragraphs {
            if lastIsCut && paragraph.index == lastIndex + 1 && continues(paragraph.text) {
                var joined = result.removeLast()
                let separator = joinSeparator(joined.text, paragraph.text)
                if separator == .dropHyphen { joined.text.removeLast() }
                if separator == .space { joined.text.append(0x20) }
                joined.segments.append(.init(paragraph: paragraph.index, byteOffset: joined.text.count))
                joined.text.append(contentsOf: paragraph.text)
                result.append(joined)
                joins += 1
            } else {
                result.append(FinishedParagraph(text: paragraph.text, segments: [.init(paragraph: paragraph.index, byteOffset: 0)]))
            }
            lastIndex = paragraph.index
            lastIsCut = isCut(result[result.count - 1].text)
        }
        return (result, joins)
    }

    /// Whether the paragraph is body text that stops mid-sentence.
    func isCut(_ text: [UInt8]) -> Bool {
        guard let last = lastScalarRange(text) else { return false }
        let tail = shape(text[last])
        guard endsMidSentence(tail.last_category) else { return false }
        let whole = shape(text[...])
        return whole.significant >= minimumCharacters && whole.inner_marks > 0
    }

    /// Whether the paragraph reads as the continuation of a cut sentence.
    func continues(_ text: [UInt8]) -> Bool {
        let whole = shape(text[...])
        guard isLetterOrNumber(whole.first_category) else { return false }
        return whole.sentence_ends > 0 || whole.significant >= minimumCharacters
    }

    enum Separator { case none, space, dropHyphen }

    func joinSeparator(_ first: [UInt8], _ second: [UInt8]) -> Separator {
        guard let lastRange = lastScalarRange(first) else { return .none }
        let a = shape(first[lastRange])
        let b = shape(second.prefix(4)[...])
        if first.last == UInt8(ascii: "-"), first.count >= 2, isASCIILetter(first[first.count - 2]),
            let head = second.first, head >= UInt8(ascii: "a") && head <= UInt8(ascii: "z")
        {
            return .dropHyphen
        }
        return a.last_class == 2 && b.first_class == 2 ? .space : .none
    }

    private func isASCIILetter(_ b: UInt8) -> Bool {
        (b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "z")
    }

    private func lastScalarRange(_ text: [UInt8]) -> Range<Int>? {
        guard !text.isEmpty else { return nil }
        var start = text.count - 1
        while start > 0 && text[start] & 0xC0 == 0x80 { start -= 1 }
        return start..<text.count
    }

    private func shape(_ bytes: ArraySlice<UInt8>) -> dedup_paragraph_shape {
        var result = dedup_paragraph_shape()
        bytes.withUnsafeBufferPointer { buffer in
            // A prefix may end inside a scalar; the C side decodes a truncated one as U+FFFD at the end only.
            dedup_icu_paragraph_shape(buffer.baseAddress, Int32(clamping: buffer.count), &result)
        }
        return result
    }

    /// ICU UCharCategory values: 1–5 letters, 9–11 numbers, 19 Pd, 20 Ps, 22 Pc, 28 Pi.
    private func endsMidSentence(_ category: Int32) -> Bool {
        isLetterOrNumber(category) || category == 19 || category == 20 || category == 22 || category == 28
    }

    private func isLetterOrNumber(_ category: Int32) -> Bool {
        (1...5).contains(category) || (9...11).contains(category)
    }
}
