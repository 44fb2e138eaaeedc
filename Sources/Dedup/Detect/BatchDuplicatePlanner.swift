/// Plans the removals of a whole batch of documents at once, for every `KeepPolicy`, from
/// fingerprints alone.
///
/// - `first`: paragraphs are visited in input order (documents in the given order) — the same
///   decisions as `DuplicateDetector`, which is the streaming form of this policy.
/// - `longest`: paragraphs are visited from the most significant characters to the fewest (ties in
///   input order), so the longest copy of a group is the one kept and a fragment is always
///   visited after the paragraph it lies in.
/// - `none`: as `first`, then every kept paragraph that some later copy matched exactly or nearly
///   is removed too, pointing at the first copy that matched it (which is removed as well). A
///   container is never removed for containing a fragment.
///
/// Memory: the fingerprints of the whole batch (see `SimilaritySketch`) plus the kept index.
public struct BatchDuplicatePlanner: Sendable {
    public let configuration: DedupConfiguration

    public init(configuration: DedupConfiguration) {
        self.configuration = configuration
    }

    /// One plan per document, in the order given, removals in paragraph order.
    /// - Complexity: O(P log P) to order P paragraphs (for `longest`) plus the detection cost.
    public func plans(for documents: [DocumentFingerprints]) -> [RemovalPlan] {
        struct Visit {
            var document: Int
            var slot: Int
        }
        var order: [Visit] = []
        for (d, document) in documents.enumerated() {
            for slot in document.paragraphs.indices { order.append(Visit(document: d, slot: slot)) }
        }
        if configuration.near.keep == .longest {
            let characters = { (v: Visit) in
                documents[v.document].paragraphs[v.slot].fingerprint.significantCharacters
            }
            // Stable by construction: ties fall back to input order explicitly.
            order.sort { a, b in
                let ca = characters(a), cb = characters(b)
                if ca != cb { return ca > cb }
                return (a.document, a.slot) < (b.document, b.slot)
            }
        }

        var index = KeptParagraphIndex(options: configuration.near)
        var removals: [[Removal]] = documents.map { _ in [] }
        /// For `none`: kept number → the first removal (document, removal) that matched it.
        var firstMatcher: [Int32: (document: Int, removal: Removal)] = [:]
        var keptVisit: [Visit] = []
        for visit in order {
            let document = documents[visit.document]
            let paragraph = document.paragraphs[visit.slot]
            let here = ParagraphRef(document: document.id, paragraph: paragraph.index)
            let before = index.refs.count
            guard let match = index.decide(
                paragraph.fingerprint, as: here,
                minimumCharacters: configuration.minSignificantCharacters,
                // Two-pass runs analyze without deferring sketches (`DocumentPlanner`): every
                // fingerprint has one, and only fingerprints are kept, not the text to make one.
                deferredSketch: { preconditionFailure("a batch is planned from fingerprints with sketches") })
            else {
                if index.refs.count > before { keptVisit.append(visit) }
                continue
            }
            let removal = Removal(
                paragraph: paragraph.index, reason: match.reason,
                kept: index.refs[Int(match.kept)], similarity: match.similarity)
            removals[visit.document].append(removal)
            if match.reason != .contained && firstMatcher[match.kept] == nil {
                firstMatcher[match.kept] = (visit.document, removal)
            }
        }

        if configuration.near.keep == .none {
            for (kept, matcher) in firstMatcher {
                let visit = keptVisit[Int(kept)]
                let paragraph = documents[visit.document].paragraphs[visit.slot]
                guard paragraph.fingerprint.significantCharacters >= configuration.minSignificantCharacters
                else { continue }
                removals[visit.document].append(
                    Removal(
                        paragraph: paragraph.index, reason: matcher.removal.reason,
                        kept: ParagraphRef(
                            document: documents[matcher.document].id, paragraph: matcher.removal.paragraph),
                        similarity: matcher.removal.similarity))
            }
        }

        return documents.indices.map { d in
            RemovalPlan(
                document: documents[d].id,
                removals: removals[d].sorted { $0.paragraph < $1.paragraph })
        }
    }
}
