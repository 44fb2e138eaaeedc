import CICU

/// Decides whether paragraphs that a column or page break cut in two (`……生物育` + `种等八大方向。`)
/// are rejoined, and how.
///
/// A kept paragraph A is joined with the next kept paragraph B when all of these hold:
/// - A and B were adjacent in the input (B's index is A's last index + 1). A paragraph whose
///   continuation was removed as a repeat stays as it is: the continuation's text survives in the
///   earlier copy that was kept, which is not A's neighbour, so nothing is pulled across the
///   document. Paragraphs that were not adjacent in the input are never joined.
/// - A is body text that stops mid-sentence: it ends with a letter, digit, ideograph, an opening
///   quote or bracket, or a dash or connector (ICU general category L*, N*, Ps, Pi, Pd, Pc), it
///   holds at least `minimumCharacters` letters, digits and ideographs, and its unfinished last
///   sentence (after its last sentence-final mark) already has a pause mark such as `，、；：`
///   (ICU category Po), but no doubled dash (`--`, `——`). Headings, captions, bylines and
///   attributions (`—— 钱钟书`, `-- 论语，为政篇`) are short, unpunctuated or marked by the dash
///   and never qualify.
/// - B continues it: it starts with a letter, digit or ideograph, but not with a list or section
///   number (`11.5. `, `3、`, `2)`), and either contains sentence-final punctuation or is itself at
///   least `minimumCharacters` long.
/// - The two sides of the cut fit together (`fits`), which is what separates a sentence cut by a
///   page break from the many paragraphs that merely end without punctuation (definition lists,
///   man pages, poems, attributions, license fields):
///   - both parts are mostly of the same script: CJK letters are at least half of the letters
///     and digits of both, or of neither;
///   - the letters on both sides of the join are of that main script (a CJK paragraph ending in
///     `… 单位：KB` does not continue with `si: …`); a digit, of no script, fits either;
///   - CJK: ICU's word segmentation (its Chinese dictionary) reads across the join: a word spans
///     it (`中小` + `企业`), or the words on both sides are single letters, which is what the
///     dictionary makes of a word it does not know cut in two (`育` + `种等`, `新` + `区以来`). A
///     page break falls anywhere, a paragraph break between words (`…为政篇` + `子曰`);
///   - other scripts: the continuation does not start with a capital (`Lu`, `Lt`): a capital
///     starts a new sentence, heading or field (`License: MIT` + `Files: …`);
///   - an opening quote or bracket, dash or connector at the end of A is followed by a letter or
///     digit of A's main script (not a capital).
///
/// Adjacency is judged in the input, so a paragraph whose continuation was removed as a repeat is
/// not joined with what followed the repeat. One consequence: cleaning the cleaned output again can
/// join such a paragraph with its new neighbour, if that one reads as a continuation (the second
/// run cannot know a repeat stood between them). `dedup normalize`, which removes nothing, is
/// idempotent.
/// Joined text gets no separator between CJK characters, one space between two non-CJK letters or
/// digits, and a wrap hyphen (`exam-` + `ple`) is dropped. Chains (A + B + C) are joined in turn.
public struct CutParagraphRejoiner: Sendable {
    public let minimumCharacters: Int
    public init(minimumCharacters: Int) {
        self.minimumCharacters = minimumCharacters
    }

    /// How two parts are joined.
    public enum Separator: Sendable, Equatable { case none, space, dropHyphen }

    /// Whether a paragraph of this shape is body text that stops mid-sentence.
    public func isCut(_ shape: ParagraphShape) -> Bool {
        endsMidSentence(shape.lastCategory) && shape.significant >= minimumCharacters && shape.tailPauses > 0
            && shape.tailDashes == 0
    }

    /// Whether `text` has a pause mark after its last sentence-final mark (`shape.tailPauses > 0`),
    /// which `isCut` requires: a test from the end of the text, so usually a few characters.
    /// - Complexity: O(n) in the length of the last sentence.
    public func hasTailPause(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        dedup_icu_has_tail_pause(text.baseAddress, Int32(clamping: text.count)) != 0
    }

    /// Whether a paragraph of this shape reads as the continuation of a cut sentence.
    public func continues(_ shape: ParagraphShape) -> Bool {
        isLetterOrNumber(shape.firstCategory) && (shape.sentenceEnds > 0 || shape.significant >= minimumCharacters)
    }

    /// Whether the end of `first` and the start of `second` fit together as one cut sentence (see
    /// the type's rules). Both shapes must be measured.
    /// - Complexity: O(1) but for the word segmentation of at most 32 characters around a CJK join.
    public func fits<First: RandomAccessCollection<UInt8>, Second: RandomAccessCollection<UInt8>>(
        _ first: ParagraphShape, _ firstText: First, _ second: ParagraphShape, _ secondText: Second
    ) -> Bool where First.Index == Int, Second.Index == Int {
        let script = mainScript(first)
        guard script == mainScript(second) else { return false }
        let capital = second.firstCategory == 1 || second.firstCategory == 3  // Lu, Lt
        if isLetterOrNumber(first.lastCategory) {
            // A digit (Nd) belongs to no script: the other side decides (`预计到` + `2025年`).
            let firstDigit = first.lastCategory == 9, secondDigit = second.firstCategory == 9
            if firstDigit || secondDigit {
                // In CJK text, a number that ends A must stand in the CJK text (`截至2024` + `年底`),
                // not end a Latin token or code (`utf8`, `bump 3`, `23:C1`).
                if firstDigit && script == 1 && !numberFollowsCJK(firstText) { return false }
                return (firstDigit || first.lastClass == script) && (secondDigit || (second.firstClass == script && !capital))
            }
            guard first.lastClass == script && second.firstClass == script else { return false }
            return script == 1 ? joinsInsideWord(firstText, secondText) : !capital
        }
        // An opening quote or bracket, a dash or a connector.
        return second.firstClass == script && !(script == 2 && capital)
    }

    /// Whether the ASCII digits that end `text` follow a character that is neither a space nor a
    /// non-CJK letter or digit (`截至2024`, `，2024`).
    private func numberFollowsCJK<Text: RandomAccessCollection<UInt8>>(_ text: Text) -> Bool where Text.Index == Int {
        var end = text.endIndex
        while end > text.startIndex && text[end - 1] >= UInt8(ascii: "0") && text[end - 1] <= UInt8(ascii: "9") { end -= 1 }
        guard end > text.startIndex, text[end - 1] != 0x20 else { return false }
        var start = end - 1
        while start > text.startIndex && text[start] & 0xC0 == 0x80 { start -= 1 }
        let bytes = Array(text[start..<end])
        let scalar = bytes.withUnsafeBufferPointer { UTF8Scalar.decode($0, at: 0, end: $0.count).0 }
        return dedup_icu_is_non_cjk_alnum(scalar) == 0
    }

    /// 1 when CJK letters are at least half of the letters and digits (digits count for neither
    /// script, so a tie goes to CJK: `2025年翻一番`), else 2.
    private func mainScript(_ shape: ParagraphShape) -> Int {
        shape.cjkLetters * 2 >= shape.significant ? 1 : 2
    }

    private func joinsInsideWord<First: RandomAccessCollection<UInt8>, Second: RandomAccessCollection<UInt8>>(
        _ first: First, _ second: Second
    ) -> Bool where First.Index == Int, Second.Index == Int {
        // Only the last and first 64 bytes matter (16 CJK letters of each side at most).
        let tail = Array(first.suffix(64)), head = Array(second.prefix(64))
        return tail.withUnsafeBufferPointer { a in
            head.withUnsafeBufferPointer { b in
                dedup_icu_join_inside_word(a.baseAddress, Int32(a.count), b.baseAddress, Int32(b.count)) != 0
            }
        }
    }

    /// The tests that need no measuring: adjacency, the first part's last character, the second
    /// part's start. When they pass, `isCut` and `continues` decide on measured shapes. Give both
    /// parts as the quote balancer will leave them (`ParagraphFinisher` does), so a second run,
    /// which sees them balanced, decides the same.
    public func mightJoin<Text: RandomAccessCollection<UInt8>>(
        lastIndex: Int, _ first: ParagraphShape, nextIndex: Int, _ next: ParagraphShape, _ nextText: Text
    ) -> Bool where Text.Index == Int {
        nextIndex == lastIndex + 1 && endsMidSentence(first.lastCategory) && isLetterOrNumber(next.firstCategory)
            && !startsWithListNumber(nextText)
    }

    /// The whole decision, measuring shapes as needed (for tests and tools; the finisher measures
    /// each paragraph at most once).
    public func joins(
        lastIndex: Int, _ first: ParagraphShape, _ firstText: [UInt8],
        nextIndex: Int, _ next: ParagraphShape, _ nextText: [UInt8]
    ) -> Bool {
        guard mightJoin(lastIndex: lastIndex, first, nextIndex: nextIndex, next, nextText) else { return false }
        let first = first.isMeasured ? first : ParagraphShape(of: firstText)
        let next = next.isMeasured ? next : ParagraphShape(of: nextText)
        return isCut(first) && continues(next) && fits(first, firstText, next, nextText)
    }

    /// The separator between `first` (ending the cut part) and `second`.
    public func separator(_ first: [UInt8], _ firstShape: ParagraphShape, _ second: [UInt8], _ secondShape: ParagraphShape) -> Separator {
        if first.count >= 2, first[first.count - 1] == UInt8(ascii: "-"), isASCIILetter(first[first.count - 2]),
            let head = second.first, head >= UInt8(ascii: "a") && head <= UInt8(ascii: "z")
        {
            return .dropHyphen
        }
        return firstShape.lastClass == 2 && secondShape.firstClass == 2 ? .space : .none
    }

    private func isASCIILetter(_ b: UInt8) -> Bool {
        (b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "z")
    }

    /// ASCII digits followed by `.` `、` `)` `．` or `）`: a numbered item or heading, not a continuation.
    func startsWithListNumber<Text: RandomAccessCollection<UInt8>>(_ text: Text) -> Bool where Text.Index == Int {
        var i = text.startIndex
        while i < text.endIndex && text[i] >= UInt8(ascii: "0") && text[i] <= UInt8(ascii: "9") { i += 1 }
        guard i > text.startIndex, i < text.endIndex else { return false }
        if text[i] == UInt8(ascii: ".") || text[i] == UInt8(ascii: ")") { return true }
        guard i + 2 < text.endIndex else { return false }
        let mark = (text[i], text[i + 1], text[i + 2])
        return mark == (0xE3, 0x80, 0x81) || mark == (0xEF, 0xBC, 0x8E) || mark == (0xEF, 0xBC, 0x89)
    }

    /// Whether the paragraph starts with a letter, digit or ideograph.
    public func startsWithLetterOrNumber(_ shape: ParagraphShape) -> Bool {
        isLetterOrNumber(shape.firstCategory)
    }

    /// ICU UCharCategory values: 1–5 letters, 9–11 numbers, 19 Pd, 20 Ps, 22 Pc, 28 Pi.
    func endsMidSentence(_ category: Int) -> Bool {
        isLetterOrNumber(category) || category == 19 || category == 20 || category == 22 || category == 28
    }

    private func isLetterOrNumber(_ category: Int) -> Bool {
        (1...5).contains(category) || (9...11).contains(category)
    }
}
