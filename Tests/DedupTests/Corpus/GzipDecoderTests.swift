import Testing
@testable import Dedup

@Suite struct GzipDecoderTests {
    let decoder = GzipDecoder()

    @Test func plainBytesPassThrough() throws {
        #expect(try decoder.decodeIfCompressed("第一段\n".bytes, path: "a.txt") == "第一段\n".bytes)
        #expect(try decoder.decodeIfCompressed([], path: "a.txt") == [])
    }

    @Test func decompressesConcatenatedMembers() throws {
        let first = try TemporaryTree.gzip("第一段\n\n".bytes)
        let second = try TemporaryTree.gzip("第二段\n".bytes)
        #expect(try decoder.decodeIfCompressed(first + second, path: "a.gz") == "第一段\n\n第二段\n".bytes)
        #expect(try decoder.decodeIfCompressed(try TemporaryTree.gzip([]), path: "e.gz") == [])
    }

    @Test func largeInputRoundTrips() throws {
        var rng = SplitMix64(seed: 9)
        let text = (0..<200_000).map { _ in UInt8(rng.next() % 26) + 0x61 }
        #expect(try decoder.decodeIfCompressed(try TemporaryTree.gzip(text), path: "big.gz") == text)
    }

    @Test func truncatedAndCorruptDataAreErrorsNamingTheFile() throws {
        let whole = try TemporaryTree.gzip(Array(repeating: UInt8(ascii: "x"), count: 5000) + "end".bytes)
        #expect(throws: InputError.readFailed(path: "t.gz", message: "gzip data is truncated")) {
            try decoder.decodeIfCompressed(Array(whole.prefix(whole.count - 6)), path: "t.gz")
        }
        var corrupt = whole
        corrupt[12] ^= 0xFF
        #expect(throws: InputError.self) { try decoder.decodeIfCompressed(corrupt, path: "c.gz") }
        #expect(throws: InputError.readFailed(path: "g.gz", message: "gzip data is corrupt")) {
            try decoder.decodeIfCompressed(whole + "garbage".bytes, path: "g.gz")
        }
    }

    @Test func outputLimitGuardsAgainstBombs() throws {
        let bomb = try TemporaryTree.gzip(Array(repeating: 0, count: 1 << 20))
        #expect(throws: InputError.self) {
            try GzipDecoder(maximumOutputBytes: 1000).decodeIfCompressed(bomb, path: "bomb.gz")
        }
    }
}
