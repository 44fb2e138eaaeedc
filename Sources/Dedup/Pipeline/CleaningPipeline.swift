/// The result of cleaning one document.
public struct CleanedDocument: Sendable {
    public var id: DocumentID
    /// The cleaned text (UTF-8).
    public var output: [UInt8]
    public var plan: RemovalPlan
    public var analyzed: AnalyzedDocument
    /// Quote repairs made on the kept paragraphs (report `repair` records).
    public var repairs: [ParagraphRepair] = []
    /// Every normalization change in this document: per paragraph and after the plan.
    public var normalization = NormalizationCounts()
}

/// The whole pipeline for documents fed one after another: decode → split → normalize →
/// fingerprint → detect → assemble (rejoin cut paragraphs, balance quotes). Detection state carries over from document to document, so
/// a paragraph repeated in a later document is removed too (corpus scope).
///
/// For parallel runs, call the stages separately: `DocumentAnalyzer` per worker, one
/// `DuplicateDetector` in input order, `CleanedTextAssembler` anywhere.
///
/// Under `--keep longest` or `none` every copy must be seen before deciding, which a document
/// stream cannot do: each document is then planned on its own with `BatchDuplicatePlanner`
/// (document scope). A corpus run plans all fingerprints with `BatchDuplicatePlanner` instead.
public struct CleaningPipeline: Sendable {
    public let configuration: DedupConfiguration
    private let decoder = UTF8InputDecoder()
    private var analyzer: DocumentAnalyzer
    private var detector: DuplicateDetector
    private var assembler: CleanedTextAssembler

    public init(configuration: DedupConfiguration = .default) {
        self.configuration = configuration
        self.assembler = CleanedTextAssembler(options: configuration.normalization)
        self.analyzer = DocumentAnalyzer(configuration: configuration)
        self.detector = DuplicateDetector(configuration: configuration)
    }

    /// Cleans raw bytes read from a document.
    public mutating func clean(_ raw: [UInt8], id: DocumentID) -> CleanedDocument {
        clean(decoder.decode(raw), id: id)
    }

    /// Cleans an already decoded document.
    public mutating func clean(_ decoded: DecodedText, id: DocumentID) -> CleanedDocument {
        let analyzed = analyzer.analyze(decoded, id: id)
        let plan: RemovalPlan
        if configuration.near.keep == .first {
            plan = detector.plan(for: analyzed)
        } else {
            let planner = BatchDuplicatePlanner(configuration: configuration)
            plan = planner.plans(for: [DocumentFingerprints(analyzed)])[0]  // one plan per document given
        }
        let assembled = assembler.assembleWithRepairs(analyzed, plan: plan)
        return CleanedDocument(
            id: id, output: assembled.output, plan: plan, analyzed: analyzed,
            repairs: assembled.repairs, normalization: assembled.counts)
    }
}
