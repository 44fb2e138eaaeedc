/// The planning step of a corpus run: called once per document, strictly in input order, on
/// one thread. It is the only stateful step, which is what makes runs deterministic.
///
/// `CorpusRunner` takes the planner as a parameter, so other strategies slot in without
/// touching the runner: a two-pass run can fingerprint everything with a planner that records
/// and writes nothing (destinations `.discard`), plan over the fingerprints, then run again with
/// a planner that hands out the precomputed plans.
///
/// `SendableMetatype`: the runner's workers are generic over the planner's type (the planner
/// value itself is used by one of them at a time).
public protocol DocumentPlanner: SendableMetatype {
    /// The removals for `document`, given every document planned before it.
    mutating func plan(for document: AnalyzedDocument) -> RemovalPlan

    /// The kept-paragraph index this planner holds, for the stats file; nil when it keeps none
    /// across documents.
    var keptIndexFootprint: (keptParagraphs: Int, bytes: Int)? { get }

    /// How far through the run's input the next document is: `planned` bytes of `total`. A hint
    /// for sizing the index (`DuplicateDetector.expectInput`); it changes no plan.
    mutating func expectInput(planned: Int, of total: Int)

    /// Whether documents may reach `plan(for:)` with deferred sketches
    /// (`DocumentAnalyzer.defersRepeatedSketches`): true only for a planner that keeps every
    /// document's paragraphs in one index and computes a missing sketch from the paragraph's text.
    var acceptsDeferredSketches: Bool { get }

    /// Whether `plan(for:)` reads the paragraphs' fingerprints: false for a planner that hands
    /// out plans made before (the second pass of a two-pass run), whose documents are then
    /// analyzed without them (`DocumentAnalyzer.fingerprints`).
    var readsFingerprints: Bool { get }
}

extension DocumentPlanner {
    public var keptIndexFootprint: (keptParagraphs: Int, bytes: Int)? { nil }
    public mutating func expectInput(planned: Int, of total: Int) {}
    public var acceptsDeferredSketches: Bool { false }
    public var readsFingerprints: Bool { true }
}

extension DuplicateDetector: DocumentPlanner {
    public var keptIndexFootprint: (keptParagraphs: Int, bytes: Int)? { indexFootprint }
    public var acceptsDeferredSketches: Bool { true }
}

/// `--scope document`: each document is compared only with itself.
public struct DocumentScopePlanner: DocumentPlanner, Sendable {
    public let configuration: DedupConfiguration

    public init(configuration: DedupConfiguration) {
        self.configuration = configuration
    }

    /// - Complexity: O(p) for p paragraphs; no state is kept between documents.
    public mutating func plan(for document: AnalyzedDocument) -> RemovalPlan {
        var detector = DuplicateDetector(configuration: configuration)
        return detector.plan(for: document)
    }
}

/// The planner the configuration's scope asks for.
public struct ScopedPlanner: DocumentPlanner, Sendable {
    private var corpus: DuplicateDetector?
    private var document: DocumentScopePlanner

    public init(configuration: DedupConfiguration) {
        corpus = configuration.corpus.scope == .corpus ? DuplicateDetector(configuration: configuration) : nil
        document = DocumentScopePlanner(configuration: configuration)
    }

    public mutating func plan(for analyzed: AnalyzedDocument) -> RemovalPlan {
        if corpus != nil { return corpus!.plan(for: analyzed) }  // safe: checked on the same line
        return document.plan(for: analyzed)
    }

    public var keptIndexFootprint: (keptParagraphs: Int, bytes: Int)? { corpus?.indexFootprint }
    public var acceptsDeferredSketches: Bool { corpus != nil }

    public mutating func expectInput(planned: Int, of total: Int) {
        corpus?.expectInput(planned: planned, of: total)
    }
}
