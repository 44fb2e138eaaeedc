import Testing
@testable import Dedup

@Suite struct JSONTextTests {
    func text(_ build: (inout JSONText) -> Void) -> String {
        var json = JSONText()
        build(&json)
        return String(decoding: json.bytes, as: UTF8.self)
    }

    @Test func integersAreSpelledAsStringDoes() {
        for value in [0, 7, -7, 10, 99, 100, 1_234_567, -1_000_000, Int.max, Int.min] {
            #expect(text { $0.int(value) } == String(value))
        }
    }

    @Test func stringsEscapeOnlyWhatJSONForbidsAndCopyTheRest() {
        #expect(text { $0.string("plain 新闻/path.txt") } == "\"plain 新闻/path.txt\"")
        #expect(text { $0.string("a\"b\\c\nd\re\tf\u{01}g") } == "\"a\\\"b\\\\c\\nd\\re\\tf\\u0001g\"")
        #expect(text { $0.string("\"") } == "\"\\\"\"")
        #expect(text { $0.string("") } == "\"\"")
    }

    @Test func membersAreSeparatedByCommas() {
        let line = text { json in
            json.beginObject()
            json.key("n"); json.int(-3)
            json.key("s"); json.string("x")
            json.endObject()
        }
        #expect(line == "{\"n\":-3,\"s\":\"x\"}")
    }
}
