/// Pass 1 of a two-pass run (`--keep longest|none`, which must see every copy before deciding):
/// records each document's fingerprints, in input order, and removes nothing.
///
/// Memory: the fingerprints only (see `DocumentFingerprints`), never the text.
public struct FingerprintCollector: DocumentPlanner, Sendable {
    public private(set) var documents: [DocumentFingerprints] = []

    public init() {}

    public mutating func plan(for document: AnalyzedDocument) -> RemovalPlan {
        documents.append(DocumentFingerprints(document))
        return RemovalPlan(document: document.id)
    }

    /// The plans for every collected document under `configuration`: one batch over the whole
    /// corpus (`--scope corpus`) or one per document (`--scope document`).
    /// - Complexity: that of `BatchDuplicatePlanner` over the collected paragraphs.
    public func plans(configuration: DedupConfiguration) -> [RemovalPlan] {
        let planner = BatchDuplicatePlanner(configuration: configuration)
        switch configuration.corpus.scope {
        case .corpus: return planner.plans(for: documents)
        case .document: return documents.flatMap { planner.plans(for: [$0]) }
        }
    }
}

/// Pass 2 of a two-pass run: hands out the plans made in pass 1, matched by document id in input
/// order. A document pass 1 did not see (a file that appeared or became readable between the
/// passes) keeps every paragraph, so nothing is removed on stale information.
public struct PrecomputedPlanner: DocumentPlanner, Sendable {
    private var queues: [DocumentID: [RemovalPlan]] = [:]
    private var used: [DocumentID: Int] = [:]

    public init(plans: [RemovalPlan]) {
        for plan in plans { queues[plan.document, default: []].append(plan) }
    }

    /// The plans are made: the second pass needs no fingerprints (analyzing the corpus again
    /// with them was a third of a `--keep longest` run on news-like).
    public var readsFingerprints: Bool { false }

    public mutating func plan(for document: AnalyzedDocument) -> RemovalPlan {
        let next = used[document.id, default: 0]
        used[document.id] = next + 1
        guard let queue = queues[document.id], next < queue.count else {
            return RemovalPlan(document: document.id)
        }
        return queue[next]
    }
}
