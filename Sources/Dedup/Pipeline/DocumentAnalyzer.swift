/// Decoded text → paragraphs → normalized text (`ParagraphNormalizer`) → fingerprints. Pure for a given configuration, so
/// documents can be analyzed on any thread in any order; keep one analyzer per worker (it reuses
/// scratch buffers).
///
/// A paragraph whose match key already occurred in the document shares the first occurrence's
/// sketch (arrays are copy-on-write, so no copy either): scraped text repeats whole paragraphs
/// often — a third of the news-like corpus — and the sketch is the costliest part of a
/// fingerprint. With `defersRepeatedSketches`, a paragraph whose key an earlier document had (one
/// this analyzer or a copy of it analyzed) gets no sketch at all (see `ParagraphFingerprint.sketch`).
public struct DocumentAnalyzer: Sendable {
    public let configuration: DedupConfiguration
    /// Leave the sketch out of a paragraph whose exact key an earlier document had. Only for a
    /// planner that computes missing sketches itself and keeps every document's paragraphs in one
    /// index (`DocumentPlanner.acceptsDeferredSketches`): there the earlier paragraph was kept,
    /// and this one goes as its exact repeat without a sketch, or it was removed, and this one
    /// goes with its match (`KeptParagraphIndex.decide`). Changes no result.
    ///
    /// Setting it gives the analyzer a table of earlier keys (`SharedKeyTags`, 2 MiB at most)
    /// that its copies share: copies made after setting it, one per worker, each see the keys
    /// the others recorded. Each document counts as at `inputPosition`.
    public var defersRepeatedSketches: Bool {
        get { earlierKeys != nil }
        set { earlierKeys = newValue ? SharedKeyTags(slotsLog2: SharedKeyTags.largestSlotsLog2) : nil }
    }
    /// Exact keys of the paragraphs of earlier documents, shared by the copies of this analyzer
    /// (with `defersRepeatedSketches`).
    var earlierKeys: SharedKeyTags?
    /// The input position of the documents analyzed next (a run sets it per file): a key counts
    /// as earlier only when a document at this position or before it had it (`SharedKeyTags`).
    public var inputPosition: UInt32 = 0
    /// Whether paragraphs are fingerprinted. Off for a planner that does not read fingerprints
    /// (`DocumentPlanner.readsFingerprints`): every paragraph is then left as read for the
    /// assembler to normalize, with an empty fingerprint.
    public var fingerprints = true
    private let splitter = ParagraphSplitter()
    private var fingerprinter: ParagraphFingerprinter
    private var normalizer: ParagraphNormalizer
    /// Seconds this analyzer has spent normalizing and fingerprinting paragraphs, for the
    /// per-stage timers (`StageTimings`); the rest of `analyze` is splitting.
    public private(set) var secondsNormalizing = 0.0
    public private(set) var secondsFingerprinting = 0.0
    /// Scratch of the fingerprint pass, reused from run to run of paragraphs: their match keys
    /// back to back, and what each key gave.
    private var matchKeys: [UInt8] = []
    private var keyFacts: [KeyFacts] = []
    /// Scratch: the run's keys as scalars, where the match key's fast path gave them, so the
    /// shingle hasher need not decode the keys again.
    private var keyScalars: [UInt32] = []

    public init(configuration: DedupConfiguration) {
        self.configuration = configuration
        self.fingerprinter = ParagraphFingerprinter(configuration: configuration)
        self.normalizer = ParagraphNormalizer(options: configuration.normalization)
    }

    public mutating func analyze(_ decoded: DecodedText, id: DocumentID) -> AnalyzedDocument {
        let spans = splitter.split(decoded.bytes)
        if !fingerprints { return withoutFingerprints(decoded, spans: spans, id: id) }
        var paragraphs: [AnalyzedParagraph] = []
        paragraphs.reserveCapacity(spans.count)
        /// What normalization changed in the paragraphs normalized here (positions ascending).
        var early: [AnalyzedDocument.EarlyNormalization] = []
        /// Exact key → the first paragraph (position in `paragraphs`) with that key.
        // Sized for every paragraph at once: growing from 16 buckets (three doublings for a zh
        // document of 40 paragraphs) made its inserts 1.1 % of a zh profile; 0.1 % sized.
        var firstWithKey = Hash128Map<Int>(minimumCapacity: spans.count)
        // A paragraph's text is a slice, not an array of its own: of the decoded text when it is
        // left for the assembler to normalize, when normalization changed nothing, or when it is
        // oversized, else of one buffer holding the document's changed paragraphs back to back.
        // An array per paragraph was the most frequent allocation of a run, each freed later by
        // whichever worker wrote the window.
        var changed: [UInt8] = []
        var places: [TextPlace] = []
        places.reserveCapacity(spans.count)
        var shapes: [ParagraphShape] = []
        shapes.reserveCapacity(spans.count)
        let started = ContinuousClock.now
        var normalizing = Duration.zero
        let (earlier, position) = (earlierKeys, inputPosition)
        let normalizesLate = Self.normalizesLate(configuration.normalization)
        // One pass per run of paragraphs: their match keys and exact keys first (keys back to
        // back in `matchKeys`), then their sketches. Whether an earlier document had a key is a
        // read at random in a table larger than the caches; done right after the key was
        // computed, it stalled the analysis (the costliest instruction of a zh run), so it is
        // prefetched when the key is computed and read a run later. A run ends at 64 paragraphs
        // or 16 KiB of keys, so its keys are still in cache when they are sketched.
        //
        // A paragraph's key is taken from its text as read when the key can be built by table
        // (`normalizesLate`): its normalization is left to the assembler, which normalizes only
        // the paragraphs it writes. Most paragraphs of a scrape are removed repeats, and
        // normalizing them was a seventh of a news-like run. Any other paragraph is normalized
        // here and keyed from its normalized text.
        var runStart = 0
        while runStart < spans.count {
            matchKeys.removeAll(keepingCapacity: true)
            keyFacts.removeAll(keepingCapacity: true)
            var runEnd = runStart
            var scalarsUsed = 0
            while runEnd < spans.count && runEnd - runStart < 64 && matchKeys.count < 16 << 10 {
                let span = spans[runEnd]
                let keyStart = matchKeys.count
                let facts = decoded.bytes.withUnsafeBufferPointer { all -> ParagraphFingerprinter.KeyFacts in
                    let source = UnsafeBufferPointer(rebasing: all[span.range])
                    // Too large to check: passed through exactly as read, never normalized,
                    // fingerprinted or removed.
                    if span.count > configuration.input.maxParagraphBytes {
                        places.append(.oversized)
                        shapes.append(ParagraphShape(of: source))
                        return (Hash128(high: 0, low: 0), 0, nil)
                    }
                    if normalizesLate, let facts = fingerprinter.appendTableMatchKey(
                        of: source, to: &matchKeys, scalars: &keyScalars, at: scalarsUsed)
                    {
                        places.append(.asRead)
                        shapes.append(.unmeasured)
                        return facts
                    }
                    let clock = ContinuousClock.now
                    var counts = NormalizationCounts()
                    let place = normalizer.withNormalized(source, counts: &counts) { text, shape -> TextPlace in
                        shapes.append(shape)
                        if text.baseAddress == source.baseAddress && text.count == source.count { return .source }
                        let start = changed.count
                        changed.append(contentsOf: text)
                        return .changed(start..<changed.count)
                    }
                    places.append(place)
                    if counts != NormalizationCounts() { early.append(.init(position: runEnd, counts: counts)) }
                    normalizing += ContinuousClock.now - clock
                    // The match key of the normalized text (see ParagraphNormalizer).
                    switch place {
                    case .changed(let range):
                        return changed[range].withUnsafeBufferPointer {
                            fingerprinter.appendMatchKey(of: $0, to: &matchKeys, scalars: &keyScalars, at: scalarsUsed)
                        }
                    default:
                        return fingerprinter.appendMatchKey(of: source, to: &matchKeys, scalars: &keyScalars, at: scalarsUsed)
                    }
                }
                earlier?.prefetch(facts.exactKey)
                let scalarStart = scalarsUsed
                scalarsUsed += facts.scalarCount ?? 0
                keyFacts.append(KeyFacts(
                    exactKey: facts.exactKey, significant: facts.significantCharacters, key: keyStart..<matchKeys.count,
                    scalars: facts.scalarCount.map { scalarStart..<(scalarStart + $0) }))
                runEnd += 1
            }
            for index in runStart..<runEnd {
                let span = spans[index]
                let text: ArraySlice<UInt8>
                switch places[index] {
                case .oversized:
                    paragraphs.append(
                        AnalyzedParagraph(
                            index: index, span: span, text: decoded.bytes[span.range],
                            fingerprint: .empty, shape: shapes[index], isOversized: true))
                    continue
                case .source, .asRead: text = decoded.bytes[span.range]
                // Set once every run is done: `changed` still grows, and a slice taken now would
                // make each append copy it.
                case .changed: text = []
                }
                let facts = keyFacts[index - runStart]
                let sketch: SimilaritySketch?
                if let first = firstWithKey.lookup(facts.exactKey) {
                    sketch = paragraphs[first].fingerprint.sketch
                } else if earlier?.contains(facts.exactKey, before: position) == true {
                    sketch = nil
                } else if let scalars = facts.scalars {
                    sketch = keyScalars.withUnsafeBufferPointer { all in
                        fingerprinter.sketch(ofKeyScalars: UnsafeBufferPointer(rebasing: all[scalars]))
                    }
                } else {
                    sketch = matchKeys.withUnsafeBufferPointer { keys in
                        fingerprinter.sketch(ofKey: UnsafeBufferPointer(rebasing: keys[facts.key]))
                    }
                }
                let fingerprint = ParagraphFingerprint(
                    exactKey: facts.exactKey, significantCharacters: facts.significant, sketch: sketch)
                firstWithKey.insertIfAbsent(fingerprint.exactKey, paragraphs.count)
                // Recorded at once, not when the document is done: a worker analyzing a later copy
                // of this document at the same time can defer the paragraphs this one has passed.
                earlier?.insert(fingerprint.exactKey, at: position)
                var paragraph = AnalyzedParagraph(
                    index: index, span: span, text: text, fingerprint: fingerprint, shape: shapes[index])
                if case .asRead = places[index] { paragraph.isNormalized = false }
                paragraphs.append(paragraph)
            }
            runStart = runEnd
        }
        for (position, place) in places.enumerated() {
            if case .changed(let range) = place { paragraphs[position].text = changed[range] }
        }
        let analyzed = StageTimings.seconds(ContinuousClock.now - started)
        let normalized = StageTimings.seconds(normalizing)
        secondsNormalizing += normalized
        secondsFingerprinting += max(0, analyzed - normalized)
        var document = AnalyzedDocument(id: id, decoded: decoded, paragraphs: paragraphs)
        document.earlyNormalization = early
        if normalizesLate && places.contains(where: { if case .asRead = $0 { true } else { false } }) {
            document.lateNormalization = configuration.normalization
        }
        return document
    }

    /// The document's paragraphs as read, with empty fingerprints (`fingerprints` off): only the
    /// assembler reads them, and it normalizes those it writes, with any options.
    private func withoutFingerprints(_ decoded: DecodedText, spans: [UTF8ByteRange], id: DocumentID) -> AnalyzedDocument {
        let none = ParagraphFingerprint.empty
        var asRead = false
        let paragraphs = spans.enumerated().map { index, span in
            if span.count > configuration.input.maxParagraphBytes {
                return AnalyzedParagraph(
                    index: index, span: span, text: decoded.bytes[span.range], fingerprint: none, isOversized: true)
            }
            var paragraph = AnalyzedParagraph(
                index: index, span: span, text: decoded.bytes[span.range], fingerprint: none, shape: .unmeasured)
            paragraph.isNormalized = false
            asRead = true
            return paragraph
        }
        var document = AnalyzedDocument(id: id, decoded: decoded, paragraphs: paragraphs)
        if asRead { document.lateNormalization = configuration.normalization }
        return document
    }

    /// Whether paragraphs whose match key can be built by table are keyed as read and left for
    /// the assembler to normalize (`AnalyzedParagraph.isNormalized`): with any options but
    /// Traditional-Simplified.
    ///
    /// Why that gives every paragraph the key of its normalized text: such a text's key is the
    /// concatenation of each character's own key (nothing, or one character), and each
    /// per-paragraph step only removes characters whose key is nothing (invisible characters,
    /// spaces, line breaks, a wrap hyphen), inserts such characters (a space), or replaces a
    /// character by one with the same key (NFKC width folding; ASCII punctuation and straight
    /// quotes made full-width or curly, all punctuation). Traditional-Simplified changes letters.
    /// `KeyOfNormalizedTextPropertyTests` checks it on random text.
    static func normalizesLate(_ options: NormalizationOptions) -> Bool {
        !options.toSimplified
    }

    /// A paragraph's exact key, significant characters, and where its match key is in
    /// `matchKeys`.
    private struct KeyFacts {
        var exactKey: Hash128
        var significant: Int
        var key: Range<Int>
        /// Where the key's scalars are in `keyScalars`, when the match key's fast path gave them.
        var scalars: Range<Int>?
    }

    /// Where a paragraph's text is.
    private enum TextPlace {
        /// Over `maxParagraphBytes`: the decoded text, unnormalized.
        case oversized
        /// Keyed as read, normalized later by the assembler if kept: the decoded text.
        case asRead
        /// Unchanged by normalization: the decoded text.
        case source
        /// This range of the document's buffer of changed paragraphs.
        case changed(Range<Int>)
    }
}
