import Testing
@testable import Dedup

@Suite struct QuoteBalancerTests {
    let balancer = QuoteBalancer()

    func balance(_ text: String) -> (String, [QuoteRepair]) {
        let (out, repairs) = balancer.balance(text.bytes)
        return (out.utf8String, repairs)
    }

    @Test func balancedTextIsUnchanged() {
        for text in ["“好”", "他说：“我们‘走’吧。”", "（注：《书》）", "「他说『好』」", "plain text", ""] {
            let (out, repairs) = balance(text)
            #expect(out == text)
            #expect(repairs.isEmpty)
        }
    }

    @Test func aDoubleQuoteInsideADoubleQuoteBecomesSingle() {
        let (out, repairs) = balance("“他说“好”就走了。”")
        #expect(out == "“他说‘好’就走了。”")
        #expect(repairs.map(\.action) == [.replaced, .replaced])
        #expect(repairs.first?.mark == "‘" && repairs.first?.was == "“")
        #expect(balance("“实施科技“突围”工程”").0 == "“实施科技‘突围’工程”")
        #expect(balance("「他说「好」」").0 == "「他说『好』」")
        #expect(balance("《读〈书〉》《读《书》》").0 == "《读〈书〉》《读〈书〉》")
    }

    @Test func aStrayClosingQuoteIsRemoved() {
        let (out, repairs) = balance("联合实验室”建设“智慧物流”")
        #expect(out == "联合实验室建设“智慧物流”")
        #expect(repairs == [QuoteRepair(action: .removed, mark: "”", byteOffset: 15)])
    }

    @Test func aClosingQuoteAfterASentenceEndGetsItsOpeningAtTheStart() {
        let (out, repairs) = balance("“科技”工程要跳出老套路，做到“跑起就领先”。”按照要求")
        #expect(out == "“‘科技’工程要跳出老套路，做到‘跑起就领先’。”按照要求")
        #expect(repairs.first == QuoteRepair(action: .inserted, mark: "“", byteOffset: 0))
    }

    @Test func anOpenQuoteInAParagraphEndingASentenceIsClosedAtTheEnd() {
        let (out, repairs) = balance("他说：“我们明天见。")
        #expect(out == "他说：“我们明天见。”")
        #expect(repairs.map(\.action) == [.inserted])
    }

    @Test func anOpenMarkWithoutASentenceEndIsRemoved() {
        #expect(balance("（注释：未闭合").0 == "注释：未闭合")
        #expect(balance("建设“").0 == "建设")
    }

    @Test func crossedMarksAreRepairedWithoutLosingText() {
        let (out, _) = balance("（“甲）乙”丙")
        #expect(out.unicodeScalars.filter { $0.properties.isIdeographic }.map(String.init).joined() == "甲乙丙")
        let again = balance(out)
        #expect(again.0 == out && again.1.isEmpty)
    }

    @Test func apostrophesAreNotQuotes() {
        for text in ["“It’s fine”", "the students’ books", "他们说“don’t”"] {
            let (out, repairs) = balance(text)
            #expect(out == text, "\(text)")
            #expect(repairs.isEmpty)
        }
        #expect(balance("‘It’s fine’").0 == "‘It’s fine’")
    }

    @Test func repairIsIdempotent() {
        for text in ["”a“b“c", "《a》》“b‘c’", "（（a）", "。”a。”b", "“a“b“c。"] {
            let once = balance(text).0
            let twice = balance(once)
            #expect(twice.0 == once, "\(text)")
            #expect(twice.1.isEmpty, "\(text)")
        }
    }
}

/// The two repair strategies of `QuoteBalancer`: one stray at a time (each repair sees the one
/// before) and all strays of one matching per pass (linear, for paragraphs with thousands of
/// strays). They must agree wherever a repair does not change how a neighbouring mark reads.
@Suite struct QuoteBalancerRepairModeTests {
    let balancer = QuoteBalancer()

    /// Marks of every family and form, sentence ends, CJK and Latin letters, spaces.
    static let alphabet: [String] = [
        "“", "”", "‘", "’", "「", "」", "『", "』", "《", "》", "〈", "〉", "（", "）", "【", "】",
        "。", "！", "…", "，", "好", "中", "a", "7", " ",
    ]

    static func randomText(_ generator: inout SplitMix64, length: Int, without excluded: String? = nil) -> [UInt8] {
        let pieces = alphabet.filter { $0 != excluded }
        var text = ""
        for _ in 0..<length { text += pieces[Int(generator.next() % UInt64(pieces.count))] }
        return text.bytes
    }

    func bothModes(_ text: [UInt8]) -> (oneAtATime: ([UInt8], [QuoteRepair]), inPasses: ([UInt8], [QuoteRepair]))? {
        let tokens = balancer.scan(text)
        let analysis = balancer.analyze(tokens, in: text)
        guard !analysis.strays.isEmpty else { return nil }
        let one = balancer.repairOneAtATime(text, tokens: tokens, analysis: analysis)
        let passes = balancer.repairInPasses(text, tokens: tokens, analysis: analysis)
        return ((one.text, one.repairs), (passes.text, passes.repairs))
    }

    @Test func passesRepairLikeOneAtATime() {
        // Without `’` no repair changes how another mark reads, so the two must agree exactly.
        var generator = SplitMix64(seed: 29)
        var compared = 0
        for _ in 0..<3000 {
            let text = Self.randomText(&generator, length: 1 + Int(generator.next() % 30), without: "’")
            guard let (one, passes) = bothModes(text) else { continue }
            compared += 1
            #expect(passes.0 == one.0, "\(text.utf8String.debugDescription)")
            #expect(passes.1 == one.1, "\(text.utf8String.debugDescription)")
        }
        #expect(compared > 2000)
    }

    @Test func withApostrophesPassesStillLeaveNothingToRepair() {
        // A removal can turn a `’` after a letter into an apostrophe or back (`7】’`), which one at
        // a time sees at once and passes in the next pass; the result can then differ in rare
        // mixes of marks, but it is balanced all the same.
        var generator = SplitMix64(seed: 31)
        var compared = 0, differing = 0
        for _ in 0..<3000 {
            let text = Self.randomText(&generator, length: 1 + Int(generator.next() % 30))
            guard let (one, passes) = bothModes(text) else { continue }
            compared += 1
            if passes.0 != one.0 { differing += 1 }
            let again = balancer.balance(passes.0)
            #expect(again.text == passes.0 && again.repairs.isEmpty, "\(text.utf8String.debugDescription)")
        }
        #expect(compared > 2000)
        #expect(differing * 100 < compared, "\(differing) of \(compared) differ")
    }

    @Test func thousandsOfStrayMarksAreRepairedInPasses() {
        // One at a time this took ~6 s for 20 000 marks and grew with the square of their number.
        let text = ("中" + String(repeating: "“", count: 200_000)).bytes
        let (out, repairs) = balancer.balance(text)
        #expect(out == "中".bytes)
        #expect(repairs.count == 200_000)
        #expect(repairs.allSatisfy { $0.action == .removed && $0.mark == "“" })
        #expect(repairs.last?.byteOffset == 3 + 3 * 199_999)
        let mixed = ("好" + String(repeating: "「（“”）」】》『", count: 20_000) + "。").bytes
        let (balanced, _) = balancer.balance(mixed)
        #expect(balancer.balance(balanced).repairs.isEmpty)
    }

    @Test func deepNestingOfOtherFamiliesIsMatchedInLinearTime() {
        // Each `”` under 50 000 open corner brackets looked through all of them for a quote; each
        // `“` inside 30 000 nested ones looked through all of them for its parent when renesting.
        let crossed = (String(repeating: "「", count: 50_000) + String(repeating: "”", count: 50_000)).bytes
        let (out, repairs) = balancer.balance(crossed)
        #expect(out.isEmpty)
        #expect(repairs.count == 100_000 && repairs.allSatisfy { $0.action == .removed })
        let k = 30_000
        let nested = (String(repeating: "「", count: k) + String(repeating: "“”", count: k) + String(repeating: "」", count: k)).bytes
        let (renested, replaced) = balancer.balance(nested)
        #expect(replaced.count == k && replaced.allSatisfy { $0.action == .replaced })
        #expect(renested.utf8String.hasPrefix("「『「『") && renested.utf8String.hasSuffix("』」』」"))
        #expect(balancer.balance(renested).repairs.isEmpty)
    }
}
