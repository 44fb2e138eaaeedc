import CICU

// Design note: a byte scan finds the paired marks (all 3-byte UTF-8 sequences, `QuotationMark`),
// so paragraphs without marks cost one pass over their bytes and no allocation. Matching is a
// stack over the marks, with a stack per family so that finding a closing mark's partner is O(1);
// only paragraphs with a problem are rewritten. A few strays are repaired one at a time,
// re-scanning after each, so every repair sees the effect of the previous one: O(n · r) for r
// repairs in n bytes, allowed up to `oneAtATimeWork`. Beyond that (a table or dump with thousands
// of stray marks, where one at a time took minutes per megabyte) every stray of one matching is
// repaired in one pass, by the same rules and in the same order, and the paragraph is matched
// again; a repair can only change its neighbours' reading (an apostrophe, a space), so a second
// pass is rare and passes stop after `maximumPasses`. Both are O(n) per pass.

/// Balances and nests a paragraph's quotes and brackets (GB/T 15834-2011).
///
/// Rules, in order:
/// 1. Marks are matched by family (quotes `“”‘’`, corner brackets, book-title marks, full-width
///    parentheses, lenticular brackets) with a stack. A closing mark closes the innermost open mark
///    of its family; open marks of other families in between are left without a partner.
///    `’` is an apostrophe, not a mark, when a non-CJK letter or digit precedes it and either a
///    non-CJK letter follows (`It’s`) or no single quote is open (`students’`).
/// 2. The first problem in reading order is repaired with the smallest change, then the paragraph
///    is scanned again:
///    - a stray closing quote right after sentence-final punctuation with nothing open
///      (`……领先。”按照`) ends a quotation that began at the paragraph's start: its opening
///      partner is inserted there (once per paragraph);
///    - an opening mark left open in a paragraph that ends with sentence-final punctuation
///      (`他说：“好的。`) gets its closing partner at the end (once per paragraph);
///    - any other stray mark is removed. Text between marks is never deleted.
/// 3. Nesting: a quote, corner bracket or book-title mark inside one of its own family takes the
///    other form (`“他说“好”就走了。”` → `“他说‘好’就走了。”`), and a closing mark takes the form
///    of its opening one.
public struct QuoteBalancer: Sendable {
    public init() {}

    /// A mark found in the text.
    struct Token {
        var offset: Int
        var mark: QuotationMark
    }

    /// The result of matching: pairs (token indexes), and the first stray in reading order.
    struct Analysis {
        var pairs: [(open: Int, close: Int)] = []
        /// Strays in reading order (token indexes), each with whether nothing at all was open when
        /// it appeared (closing marks) and whether it was still open at the end (opening marks).
        var strays: [(token: Int, nothingOpen: Bool, leftOpen: Bool)] = []
    }

    /// Above this many strays × bytes, strays are repaired in passes rather than one at a time
    /// (about 16 M bytes scanned: a few milliseconds).
    static let oneAtATimeWork = 1 << 24
    /// Passes of the pass mode at most: each repairs every stray its matching finds.
    static let maximumPasses = 8

    /// The balanced text and the repairs made (offsets into `text`).
    /// - Complexity: O(n) for a paragraph that needs no repair; O(n · r) for r repairs up to
    ///   `oneAtATimeWork`, O(n) per pass beyond it.
    public func balance(_ text: [UInt8]) -> (text: [UInt8], repairs: [QuoteRepair]) {
        if isAlreadyBalanced(text) { return (text, []) }
        let tokens = scan(text)
        if tokens.isEmpty { return (text, []) }
        let analysis = analyze(tokens, in: text)
        if analysis.strays.isEmpty {
            return renest(text, tokens: tokens, analysis: analysis, origins: nil, repairs: [])
        }
        let (work, overflow) = analysis.strays.count.multipliedReportingOverflow(by: text.count)
        if !overflow && work <= Self.oneAtATimeWork {
            return repairOneAtATime(text, tokens: tokens, analysis: analysis)
        }
        return repairInPasses(text, tokens: tokens, analysis: analysis)
    }

    /// Repairs the first stray in reading order, matches again, and so on.
    /// `tokens` and `analysis` are those of `text`, which has at least one stray.
    func repairOneAtATime(_ text: [UInt8], tokens firstTokens: [Token], analysis firstAnalysis: Analysis) -> (
        text: [UInt8], repairs: [QuoteRepair]
    ) {
        var current = text
        var tokens = firstTokens
        var analysis = firstAnalysis
        var origins = tokens.map(\.offset)  // offset in `text` of each token's mark
        var repairs: [QuoteRepair] = []
        var insertedAtStart = false, insertedAtEnd = false
        var budget = tokens.count + 2  // each round removes a mark or inserts one of at most two
        while let first = analysis.strays.first, budget > 0 {
            budget -= 1
            let mark = tokens[first.token].mark
            let start = tokens[first.token].offset
            if !insertedAtStart && completesAtStart(mark, nothingOpen: first.nothingOpen, before: current, at: start) {
                let opening = mark.with(form: 0).partner
                current.insert(contentsOf: opening.utf8, at: 0)
                origins.insert(0, at: 0)
                repairs.append(QuoteRepair(action: .inserted, mark: opening.scalar, byteOffset: 0))
                insertedAtStart = true
            } else if !insertedAtEnd
                && completesAtEnd(mark, leftOpen: first.leftOpen, isLastStray: analysis.strays.count == 1, in: current, at: start)
            {
                let closing = mark.partner
                current.append(contentsOf: closing.utf8)
                origins.append(text.count)
                repairs.append(QuoteRepair(action: .inserted, mark: closing.scalar, byteOffset: text.count))
                insertedAtEnd = true
            } else {
                repairs.append(QuoteRepair(action: .removed, mark: mark.scalar, byteOffset: origins[first.token]))
                origins.remove(at: first.token)
                current.removeSubrange(start..<start + 3)
                switch Self.spaceToDrop(before: start > 0 ? current[start - 1] : nil, after: start < current.count ? current[start] : nil) {
                case .following: current.remove(at: start)
                case .preceding: current.remove(at: start - 1)
                case nil: break
                }
            }
            tokens = scan(current)
            if tokens.isEmpty { return (current, repairs) }
            analysis = analyze(tokens, in: current)
        }
        return renest(current, tokens: tokens, analysis: analysis, origins: Self.aligned(origins, with: tokens, limit: text.count), repairs: repairs)
    }

    /// Repairs every stray of one matching in one pass, in reading order and by the rules of
    /// `repairOneAtATime` (which the result equals unless a repair changed how a neighbouring
    /// mark reads), then matches again, up to `maximumPasses` times.
    func repairInPasses(_ text: [UInt8], tokens firstTokens: [Token], analysis firstAnalysis: Analysis) -> (
        text: [UInt8], repairs: [QuoteRepair]
    ) {
        var current = text
        var tokens = firstTokens
        var analysis = firstAnalysis
        var origins = tokens.map(\.offset)
        var repairs: [QuoteRepair] = []
        var insertedAtStart = false, insertedAtEnd = false
        for _ in 0..<Self.maximumPasses where !analysis.strays.isEmpty {
            var output: [UInt8] = []
            output.reserveCapacity(current.count + 6)
            var removed = [Bool](repeating: false, count: tokens.count)
            var openingAtStart = false
            var closingAtEnd: QuotationMark? = nil
            var read = 0  // `current` is copied up to here
            // One at a time, the strays before a mark are gone when it is repaired, so "nothing
            // open" there means: inside no pair (strays still open then do not count).
            let enclosed = Self.enclosingPairCounts(tokens.count, pairs: analysis.pairs)
            let enclosedByQuote = Self.enclosingPairCounts(
                tokens.count, pairs: analysis.pairs.filter { tokens[$0.open].mark.family == .quote }
            ).map { $0 > 0 }
            for (n, stray) in analysis.strays.enumerated() {
                let mark = tokens[stray.token].mark
                let start = tokens[stray.token].offset
                output.append(contentsOf: current[read..<start])
                read = start
                // What one-at-a-time repair would see now: `output` before the mark, `current` after.
                // A `’` that was a stray closing quote reads as an apostrophe once the strays
                // between it and the letter before it are gone (`7】’` → `7’`): it stays.
                if mark.family == .quote && mark.form == 1 && !mark.isOpening
                    && isApostrophe(before: output, end: output.count, after: current, start: start + 3, quoteOpen: enclosedByQuote[stray.token])
                {
                    continue
                }
                if !insertedAtStart && completesAtStart(mark, nothingOpen: enclosed[stray.token] == 0, before: output, at: output.count) {
                    let opening = mark.with(form: 0).partner
                    output.insert(contentsOf: opening.utf8, at: 0)
                    repairs.append(QuoteRepair(action: .inserted, mark: opening.scalar, byteOffset: 0))
                    insertedAtStart = true
                    openingAtStart = true
                    continue  // the mark stays, closing the inserted one
                }
                if !insertedAtEnd
                    && completesAtEnd(mark, leftOpen: stray.leftOpen, isLastStray: n == analysis.strays.count - 1, in: current, at: start)
                {
                    closingAtEnd = mark.partner
                    repairs.append(QuoteRepair(action: .inserted, mark: mark.partner.scalar, byteOffset: text.count))
                    insertedAtEnd = true
                    continue
                }
                repairs.append(QuoteRepair(action: .removed, mark: mark.scalar, byteOffset: origins[stray.token]))
                removed[stray.token] = true
                read = start + 3
                switch Self.spaceToDrop(before: output.last, after: read < current.count ? current[read] : nil) {
                case .following: read += 1
                case .preceding: output.removeLast()
                case nil: break
                }
            }
            output.append(contentsOf: current[read...])
            if let closingAtEnd { output.append(contentsOf: closingAtEnd.utf8) }
            var kept: [Int] = openingAtStart ? [0] : []
            kept.reserveCapacity(origins.count + 2)
            for (index, origin) in origins.enumerated() where !removed[index] { kept.append(origin) }
            if closingAtEnd != nil { kept.append(text.count) }
            current = output
            tokens = scan(current)
            if tokens.isEmpty { return (current, repairs) }
            origins = Self.aligned(kept, with: tokens, limit: text.count)
            analysis = analyze(tokens, in: current)
        }
        return renest(current, tokens: tokens, analysis: analysis, origins: origins, repairs: repairs)
    }

    /// Rule 2's first case: a stray closing quote right after sentence-final punctuation with
    /// nothing open (`……领先。”按照`) gets its opening partner at the paragraph's start. `before`
    /// holds the text before the mark up to `offset`.
    private func completesAtStart(_ mark: QuotationMark, nothingOpen: Bool, before: [UInt8], at offset: Int) -> Bool {
        !mark.isOpening && mark.isQuote && nothingOpen && followsSentenceEnd(before, at: offset)
    }

    /// Rule 2's second case: the last stray, an opening mark left open in a paragraph that ends
    /// with sentence-final punctuation (`他说：“好的。`), gets its closing partner at the end.
    /// `text` is the paragraph, the mark at `offset`.
    private func completesAtEnd(_ mark: QuotationMark, leftOpen: Bool, isLastStray: Bool, in text: [UInt8], at offset: Int) -> Bool {
        mark.isOpening && leftOpen && isLastStray && endsWithSentenceEnd(text) && offset + 3 < text.count
    }

    enum SpaceToDrop { case preceding, following }

    /// After a mark is removed from between bytes `before` and `after` (nil: the paragraph's
    /// edge), which space goes so that none is left doubled, leading or trailing.
    static func spaceToDrop(before: UInt8?, after: UInt8?) -> SpaceToDrop? {
        if after == 0x20 && (before == 0x20 || before == nil) { return .following }
        if before == 0x20 && after == nil { return .preceding }
        return nil
    }

    /// For each token, how many pairs enclose it (opening before it, closing after it).
    private static func enclosingPairCounts(_ count: Int, pairs: [(open: Int, close: Int)]) -> [Int] {
        var delta = [Int](repeating: 0, count: count + 1)
        for pair in pairs {
            delta[pair.open + 1] += 1
            delta[pair.close] -= 1
        }
        var depth = 0
        return (0..<count).map { index in
            depth += delta[index]
            return depth
        }
    }

    /// `origins` when it has one entry per token, as repairs keep it (removing whole marks and
    /// spaces never makes or splits one); otherwise each token's own offset, clamped to the
    /// original text, rather than a wrong pairing.
    private static func aligned(_ origins: [Int], with tokens: [Token], limit: Int) -> [Int] {
        origins.count == tokens.count ? origins : tokens.map { min($0.offset, limit) }
    }

    /// The common case without allocating: every mark closes the innermost open one with the same
    /// family and form, no mark nests inside its own family in the same form, there is no `’`
    /// (apostrophes need the full analysis) and nesting stays within 16 levels (the stack is the
    /// nibbles of one integer).
    func isAlreadyBalanced(_ text: [UInt8]) -> Bool {
        var stack: UInt64 = 0
        var depth = 0
        let finished = text.withUnsafeBufferPointer { bytes in
            Self.forEachMark(in: bytes) { _, mark in
                let code = UInt64(mark.family.rawValue << 1 | mark.form) + 1
                if mark.isOpening {
                    if depth == 16 { return false }
                    // Same family and form directly or further out: nesting needs work.
                    var probe = stack
                    for _ in 0..<depth {
                        if probe & 0xF == code { return false }
                        probe >>= 4
                    }
                    stack = stack << 4 | code
                    depth += 1
                } else {
                    if mark.family == .quote && mark.form == 1 { return false }
                    if depth == 0 || stack & 0xF != code { return false }
                    stack >>= 4
                    depth -= 1
                }
                return true
            }
        }
        return finished && depth == 0
    }

    func scan(_ text: [UInt8]) -> [Token] {
        var tokens: [Token] = []
        text.withUnsafeBufferPointer { bytes in
            _ = Self.forEachMark(in: bytes) { offset, mark in
                tokens.append(Token(offset: offset, mark: mark))  // apostrophes are told apart in analyze
                return true
            }
        }
        return tokens
    }

    /// Calls `body` with the byte offset and the mark of every quotation mark or bracket in
    /// `bytes`, in order (all are 3-byte UTF-8 sequences), until `body` returns false.
    /// - Returns: false when `body` stopped the scan.
    /// - Complexity: O(n); one byte test per character outside the marks' lead bytes.
    @inline(__always)
    private static func forEachMark(
        in bytes: UnsafeBufferPointer<UInt8>, _ body: (Int, QuotationMark) -> Bool
    ) -> Bool {
        let count = bytes.count
        var i = 0
        while i + 2 < count {
            let b = bytes[i]
            if b < 0xE0 {
                i += b < 0x80 ? 1 : 2
                continue
            }
            if b >= 0xF0 {
                i += 4
                continue
            }
            if let mark = QuotationMark.decode(b, bytes[i + 1], bytes[i + 2]) {
                if !body(i, mark) { return false }
            }
            i += 3
        }
        return true
    }

    /// Families of `QuotationMark` (the size of per-family tables).
    private static let familyCount = QuotationMark.Family.allCases.count

    func analyze(_ tokens: [Token], in text: [UInt8]) -> Analysis {
        var analysis = Analysis()
        var stack: [Int] = []  // open tokens, innermost last
        // Per family, the positions in `stack` of its open tokens, innermost last: a closing
        // mark finds its partner in O(1) (a scan of `stack` made `「「「…”””` quadratic).
        var openPositions = [[Int]](repeating: [], count: Self.familyCount)
        for (index, token) in tokens.enumerated() {
            let mark = token.mark
            if mark.isOpening {
                openPositions[mark.family.rawValue].append(stack.count)
                stack.append(index)
                continue
            }
            if mark.family == .quote && mark.form == 1
                && isApostrophe(
                    before: text, end: token.offset, after: text, start: token.offset + 3,
                    quoteOpen: !openPositions[QuotationMark.Family.quote.rawValue].isEmpty)
            {
                continue
            }
            guard let position = openPositions[mark.family.rawValue].last else {
                analysis.strays.append((index, stack.isEmpty, false))
                continue
            }
            // Everything above the partner is left without one; each is its family's innermost.
            for unmatched in stack[(position + 1)...] {
                analysis.strays.append((unmatched, false, false))
                openPositions[tokens[unmatched].mark.family.rawValue].removeLast()
            }
            openPositions[mark.family.rawValue].removeLast()
            analysis.pairs.append((stack[position], index))
            stack.removeSubrange(position...)
        }
        for unmatched in stack { analysis.strays.append((unmatched, false, true)) }
        analysis.strays.sort { tokens[$0.token].offset < tokens[$1.token].offset }
        return analysis
    }

    /// Whether a `’` with `before[..<end]` before it and `after[start...]` after it is an
    /// apostrophe: a non-CJK letter or digit before it, and a letter or digit after it (`It’s`) or
    /// no quote open. After a letter but not before one (`students’`, `‘fine’`) it closes a quote
    /// only when one is open. The test ignores forms, which nesting changes, so a second run agrees.
    private func isApostrophe(before: [UInt8], end: Int, after: [UInt8], start: Int, quoteOpen: Bool) -> Bool {
        guard Self.isNonCJKAlnum(scalar(before: end, in: before)) else { return false }
        return Self.isNonCJKAlnum(scalar(at: start, in: after)) || !quoteOpen
    }

    private static func isNonCJKAlnum(_ scalar: UInt32?) -> Bool {
        scalar.map { dedup_icu_is_non_cjk_alnum($0) != 0 } ?? false
    }

    private func followsSentenceEnd(_ text: [UInt8], at offset: Int) -> Bool {
        guard let before = scalar(before: offset, in: text) else { return false }
        return dedup_icu_is_sentence_terminal(before) != 0 || before == 0x2026
    }

    private func endsWithSentenceEnd(_ text: [UInt8]) -> Bool {
        guard let last = scalar(before: text.count, in: text) else { return false }
        return dedup_icu_is_sentence_terminal(last) != 0 || last == 0x2026
    }

    /// Applies the nesting rule to a balanced paragraph and records each replaced mark.
    /// `origins`: each token's offset in the text first given to `balance` (nil: `text` is it).
    private func renest(
        _ text: [UInt8], tokens: [Token], analysis: Analysis, origins: [Int]?, repairs: [QuoteRepair]
    ) -> (text: [UInt8], repairs: [QuoteRepair]) {
        let count = tokens.count
        var closeOf = [Int](repeating: -1, count: count)  // open token → its closing token
        var isClose = [Bool](repeating: false, count: count)
        for pair in analysis.pairs {
            closeOf[pair.open] = pair.close
            isClose[pair.close] = true
        }
        var output = text
        var repairs = repairs
        var wanted = [Int](repeating: -1, count: count)  // token → form it must have
        var stack: [Int] = []  // open tokens by nesting
        var openOfFamily = [[Int]](repeating: [], count: Self.familyCount)  // `stack`'s tokens by family
        for index in 0..<count {
            let mark = tokens[index].mark
            if mark.isOpening {
                let close = closeOf[index]
                guard close >= 0 else { continue }
                var form = mark.form
                if mark.alternates, let parent = openOfFamily[mark.family.rawValue].last {
                    if form == wanted[parent] { form = 1 - wanted[parent] }
                }
                // A closing ’ between two letters would read as an apostrophe next time: keep such
                // a pair double rather than make the text mean something else on a second run.
                if mark.family == .quote && form == 1 && tokens[close].mark.form == 0
                    && isApostrophe(  // even with a quote open: letters on both sides
                        before: text, end: tokens[close].offset, after: text, start: tokens[close].offset + 3, quoteOpen: true)
                {
                    form = 0
                }
                wanted[index] = form
                wanted[close] = form
                stack.append(index)
                openOfFamily[mark.family.rawValue].append(index)
            } else if isClose[index], let top = stack.lastIndex(where: { closeOf[$0] == index }) {
                // (Pairs nest, so `top` is the last element: found at once.)
                for open in stack[top...] { openOfFamily[tokens[open].mark.family.rawValue].removeLast() }
                stack.removeSubrange(top...)
            }
        }
        for index in 0..<count where wanted[index] >= 0 && tokens[index].mark.form != wanted[index] {
            let old = tokens[index].mark
            let new = old.with(form: wanted[index])
            let offset = tokens[index].offset
            output.replaceSubrange(offset..<offset + 3, with: new.utf8)
            repairs.append(QuoteRepair(action: .replaced, mark: new.scalar, was: old.scalar, byteOffset: origins?[index] ?? offset))
        }
        return (output, repairs)
    }

    private func scalar(before offset: Int, in text: [UInt8]) -> UInt32? {
        guard offset > 0 else { return nil }
        var start = offset - 1
        while start > 0 && text[start] & 0xC0 == 0x80 { start -= 1 }
        return scalar(at: start, in: text)
    }

    private func scalar(at offset: Int, in text: [UInt8]) -> UInt32? {
        guard offset < text.count else { return nil }
        return text.withUnsafeBufferPointer { UTF8Scalar.decode($0, at: offset, end: $0.count).0 }
    }
}
