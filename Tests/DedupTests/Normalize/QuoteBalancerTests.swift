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
