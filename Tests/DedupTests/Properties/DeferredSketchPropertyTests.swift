import Testing
@testable import Dedup

/// Deferring sketches (`DocumentAnalyzer.defersRepeatedSketches`) is a speed-up only: on random
/// corpora full of exact repeats, near repeats and fragments of each other, the plans must equal
/// those made from full fingerprints, whatever the analyzers' table of earlier keys remembers.
@Suite struct DeferredSketchPropertyTests {
    static let sentences = [
        "和林格尔新区智能制造产业园正在建设之中", "预计明年投产并带动上下游企业入驻", "首批入驻企业已经签约",
        "涉及新能源装备和生物育种等八大方向", "记者从自治区科技厅获悉", "今年以来全区科技投入持续增长",
        "The regional government approved a new budget", "public transport will get more buses",
        "after a long debate in the assembly", "the opposition voted against the plan",
    ]

    /// A paragraph of 1–5 sentences, sometimes with one character changed (a near repeat).
    static func paragraph(_ random: inout SplitMix64) -> String {
        let count = 1 + Int(random.next() % 5)
        var text = (0..<count).map { _ in sentences[Int(random.next() % UInt64(sentences.count))] }
            .joined(separator: "，")
        if random.next() % 4 == 0, !text.isEmpty {
            var scalars = Array(text.unicodeScalars)
            scalars[Int(random.next() % UInt64(scalars.count))] = "某"
            text = String(String.UnicodeScalarView(scalars))
        }
        return text + "。"
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8])
    func deferredPlansEqualFullPlans(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        // A pool of paragraphs; documents draw from it, so exact repeats across documents abound.
        let pool = (0..<40).map { _ in Self.paragraph(&random) }
        let documents = (0..<30).map { _ in
            (0..<(1 + Int(random.next() % 8))).map { _ in
                random.next() % 3 == 0 ? Self.paragraph(&random) : pool[Int(random.next() % UInt64(pool.count))]
            }.joined(separator: "\n\n") + "\n"
        }
        func plans(deferring: Bool) -> [RemovalPlan] {
            var analyzer = DocumentAnalyzer(configuration: .default)
            analyzer.defersRepeatedSketches = deferring
            var detector = DuplicateDetector(configuration: .default)
            return documents.enumerated().map { n, text in
                detector.plan(for: analyzer.analyze(UTF8InputDecoder().decode(text.bytes), id: DocumentID("d\(n)")))
            }
        }
        let full = plans(deferring: false)
        #expect(full.contains { $0.removals.contains { $0.reason != .exact } })
        #expect(plans(deferring: true) == full)

        // As in a run with three workers: copies of one analyzer share its table of earlier
        // keys, each document carries its input position, and documents are analyzed in a
        // scrambled order (a later one before an earlier one), then planned in input order.
        var prototype = DocumentAnalyzer(configuration: .default)
        prototype.defersRepeatedSketches = true
        var workers = [prototype, prototype, prototype]
        var order = Array(documents.indices)
        for i in order.indices.reversed() where i > 0 { order.swapAt(i, Int(random.next() % UInt64(i + 1))) }
        var analyzed = [AnalyzedDocument?](repeating: nil, count: documents.count)
        for (step, n) in order.enumerated() {
            workers[step % 3].inputPosition = UInt32(n)
            analyzed[n] = workers[step % 3].analyze(UTF8InputDecoder().decode(documents[n].bytes), id: DocumentID("d\(n)"))
        }
        var detector = DuplicateDetector(configuration: .default)
        #expect(analyzed.compactMap { $0 }.map { detector.plan(for: $0) } == full)
        // Deferring happened (so the equality above says something).
        #expect(analyzed.contains { $0?.paragraphs.contains { $0.fingerprint.sketch == nil } == true })
    }
}
