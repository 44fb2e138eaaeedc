import Testing
@testable import Dedup

@Suite struct JSONLRecordTests {
    func parse(_ line: String, text: String = "text", id: String = "id") throws -> JSONLRecord {
        try JSONLRecord.parse(line: line.bytes, lineNumber: 7, path: "in.jsonl", textField: text, idField: id)
    }

    @Test func findsTextAndIdAndKeepsEveryOtherByte() throws {
        let line = #"{"meta": {"n": [1, 2.5e3, null]}, "id": "a-1", "text":"第一段\n\n第二段", "z":true}"#
        let record = try parse(line)
        #expect(record.id == "a-1")
        #expect(record.text.utf8String == "第一段\n\n第二段")
        let rewritten = record.replacingText(with: "新\"文\"".bytes).utf8String
        #expect(rewritten == #"{"meta": {"n": [1, 2.5e3, null]}, "id": "a-1", "text":"新\"文\"", "z":true}"#)
    }

    @Test func decodesEscapesAndSurrogates() throws {
        let record = try parse(#"{"text":"\u4e2d\ud83d\ude00\ud800x\t\\\/"}"#)
        #expect(record.text.utf8String == "中😀\u{FFFD}x\t\\/")
        #expect(record.id == nil)
    }

    @Test func numericIdIsKeptAsWritten() throws {
        #expect(try parse(#"{"id": -12.50, "text": ""}"#).id == "-12.50")
    }

    @Test func customFieldsAndLastDuplicateKeyWins() throws {
        let record = try parse(#"{"body":"a","body":"b","doc":"x"}"#, text: "body", id: "doc")
        #expect(record.text.utf8String == "b")
        #expect(record.id == "x")
    }

    @Test func errorsNameFileLineAndProblem() {
        let cases: [(String, String)] = [
            (#"["text"]"#, "not a JSON object"),
            (#"{"text": "a"} trailing"#, "unexpected text"),
            (#"{"text": "a"#, "unterminated string"),
            (#"{"title": "a"}"#, #"no "text" field"#),
            (#"{"text": 3}"#, #""text" is not a string"#),
            ("{\"text\": \"a\u{01}\"}", "control character"),
            (String(repeating: "[", count: 600), "not a JSON object"),
            ("{\"a\":" + String(repeating: "[", count: 600) + "}", "nesting deeper"),
        ]
        for (line, message) in cases {
            #expect {
                try parse(line)
            } throws: { error in
                let text = "\(error)"
                return text.hasPrefix("in.jsonl:7: ") && text.contains(message)
            }
        }
    }

    @Test func encodeThenDecodeIsIdentityOnRandomText() {
        var rng = SplitMix64(seed: 5)
        let alphabet: [Unicode.Scalar] = ["a", "\"", "\\", "\n", "\r", "\t", "\u{01}", "\u{1F}", "中", "😀", "/", " "]
        for _ in 0..<200 {
            var text = ""
            for _ in 0..<Int(rng.next() % 40) { text.unicodeScalars.append(alphabet[Int(rng.next() % UInt64(alphabet.count))]) }
            let token = JSONStringCodec.encode(text.bytes)
            #expect((try? JSONLineScanner().members(of: Array("{\"t\":".utf8) + token + [0x7D])) != nil)
            #expect(JSONStringCodec.decode(token[...]).utf8String == text)
        }
    }
}
