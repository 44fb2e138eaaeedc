import Testing
@testable import Dedup

@Suite struct ShingleHasherTests {
    func hashes(_ key: String, n: Int = 5) -> [UInt64] {
        var hasher = ShingleHasher(n: n, seed: 42)
        return hasher.shingleHashes(of: key.bytes)
    }

    /// Values computed from the documented formula by an independent Python implementation, so a
    /// JVM port has a fixed point to check against.
    @Test func hashesFollowTheDocumentedFormula() {
        #expect(hashes("abcdef") == [0xe390_ab1c_439d_54d4, 0xae8a_efd8_fbed_e4eb])
        #expect(hashes("科技") == [0xcfc9_b8de_8582_55aa])
        #expect(hashes("") == [0x8108_7960_8e42_59cc])
    }

    /// Random keys, all-ASCII and mixed, one hasher reused for all: the documented formula,
    /// computed here independently from the keys' scalars.
    @Test func randomKeysFollowTheFormula() {
        func reference(_ key: String, n: Int, seed: UInt64) -> [UInt64] {
            let scalars = key.unicodeScalars.map { UInt64($0.value) }
            let window = min(n, scalars.count)
            let start = seed ^ (UInt64(window) &* 0x9E37_79B9_7F4A_7C15)
            return (0..<(scalars.count < n ? 1 : scalars.count - n + 1)).map { s in
                MurmurHash3.fmix64(scalars[s..<(s + window)].reduce(start) { ($0 ^ $1) &* 0x9E37_79B9_7F4A_7C15 })
            }
        }
        var random = SplitMix64(seed: 31)
        let pools = [Array("abcxyz019".unicodeScalars), Array("ab9科技é".unicodeScalars)]
        var hasher = ShingleHasher(n: 5, seed: 42)
        for round in 0..<400 {
            let pool = pools[round % 2]
            var key = ""
            for _ in 0..<Int(random.next() % 30) { key.unicodeScalars.append(pool[Int(random.next() % UInt64(pool.count))]) }
            #expect(hasher.shingleHashes(of: key.bytes) == reference(key, n: 5, seed: 42), "\(key)")
        }
    }

    @Test func oneShinglePerWindowOfScalarsNotBytes() {
        #expect(hashes("内蒙古围绕科技突围工程").count == 11 - 5 + 1)
        #expect(hashes("abcdefghijk").count == 7)
        #expect(hashes("abc科技def").count == 4)
    }

    @Test func shortKeysYieldOneDistinctShingle() {
        let short = ["", "a", "ab", "本报", "本报记者", "本报记者张", "（完）"]
        let all = short.map { hashes($0) }
        #expect(all.allSatisfy { $0.count == 1 })
        // A key shorter than n is one shingle over the whole key; different keys never collide
        // into one set ("本报记者" vs "本报记者张" at n = 5 is one shingle each, not equal).
        #expect(Set(all.map { $0[0] }).count == short.count)
    }

    @Test func seedChangesEveryHash() {
        var a = ShingleHasher(n: 5, seed: 1)
        var b = ShingleHasher(n: 5, seed: 2)
        let x = a.shingleHashes(of: "科技突围工程正在".bytes)
        let y = b.shingleHashes(of: "科技突围工程正在".bytes)
        #expect(zip(x, y).allSatisfy { $0 != $1 })
    }

    @Test func scratchBuffersAreReusedAcrossKeysOfAnyLength() {
        var hasher = ShingleHasher(n: 3, seed: 0)
        let long = String(repeating: "数据", count: 3000)
        #expect(hasher.shingleHashes(of: long.bytes).count == 6000 - 2)
        #expect(hasher.shingleHashes(of: "ab".bytes).count == 1)
        #expect(hasher.shingleHashes(of: "abcd".bytes) == ShingleHasher(n: 3, seed: 0).shingleHashesCopy(of: "abcd"))
    }
}

extension ShingleHasher {
    /// A fresh hasher's result, for comparing against one whose buffers were used before.
    func shingleHashesCopy(of key: String) -> [UInt64] {
        var fresh = ShingleHasher(n: n, seed: seed)
        return fresh.shingleHashes(of: key.bytes)
    }
}
