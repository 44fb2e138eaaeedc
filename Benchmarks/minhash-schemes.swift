// One-permutation hashing with densification vs per-hash multiply-add on 32-bit lanes: speed of
// computing 128-value signatures from shingle hashes, and how well each tracks exact Jaccard.
//
//   swiftc -O Benchmarks/minhash-schemes.swift -o /tmp/minhash-schemes
//   /tmp/minhash-schemes /path/to/corpus.txt      (e.g. the bench zh files concatenated)
//
// Standalone (no package): the OPH code mirrors Sources/Dedup/Detect/MinHash/
// OnePermutationMinHasher.swift; shingles are character 5-grams of each paragraph with whitespace
// removed, hashed as in ShingleHasher. Paragraphs = blank-line separated blocks.
import Foundation

let K = 128
let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15

@inline(__always) func fmix64(_ value: UInt64) -> UInt64 {
    var k = value
    k ^= k >> 33; k = k &* 0xff51_afd7_ed55_8ccd
    k ^= k >> 33; k = k &* 0xc4ce_b9fe_1a85_ec53
    k ^= k >> 33
    return k
}

func shingles(_ scalars: [UInt32], n: Int = 5) -> [UInt64] {
    let count = scalars.count
    let window = min(n, count)
    let total = count < n ? 1 : count - n + 1
    var out = [UInt64](repeating: 0, count: total)
    for s in 0..<total {
        var h = 42 ^ (UInt64(window) &* multiplier)
        for k in s..<(s + window) { h = (h ^ UInt64(scalars[k])) &* multiplier }
        out[s] = fmix64(h)
    }
    return out
}

struct OPH {
    var order = [UInt16](repeating: 0, count: K * K)
    var rank = [UInt16](repeating: 0, count: K * K)
    var values = [UInt32](repeating: .max, count: K)
    var full = [Bool](repeating: false, count: K)
    var fullList = [Int](repeating: 0, count: K)
    init() {
        for i in 0..<K {
            var row = (0..<K).map { UInt16($0) }
            var j = K - 1
            while j > 0 {
                let r = fmix64(42 ^ (UInt64(i) << 32) ^ UInt64(j))
                row.swapAt(j, Int((r >> 32) % UInt64(j + 1)))
                j -= 1
            }
            for (step, bin) in row.enumerated() { order[i * K + step] = bin; rank[i * K + Int(bin)] = UInt16(step) }
        }
    }
    mutating func signature(_ hashes: [UInt64], into result: inout [UInt32]) {
        let order = self.order, rank = self.rank
        values.withUnsafeMutableBufferPointer { values in
        full.withUnsafeMutableBufferPointer { full in
        fullList.withUnsafeMutableBufferPointer { fullList in
        result.withUnsafeMutableBufferPointer { out in
        order.withUnsafeBufferPointer { order in
        rank.withUnsafeBufferPointer { rank in
            for i in 0..<K { values[i] = .max; full[i] = false }
            var filled = 0
            for h in hashes {
                let bin = Int(((h >> 32) &* UInt64(K)) >> 32)
                let v = UInt32(truncatingIfNeeded: h)
                if !full[bin] { full[bin] = true; fullList[filled] = bin; filled += 1 }
                if v < values[bin] { values[bin] = v }
            }
            let few = filled * filled <= K
            for i in 0..<K {
                if full[i] { out[i] = values[i]; continue }
                let row = i * K
                if few {
                    var bestRank = UInt16.max, best = 0
                    for f in 0..<filled { let r = rank[row + fullList[f]]; if r < bestRank { bestRank = r; best = fullList[f] } }
                    out[i] = values[best]
                } else {
                    var step = row
                    while !full[Int(order[step])] { step += 1 }
                    out[i] = values[Int(order[step])]
                }
            }
        }}}}}}
    }
}

struct MultiplyAdd {
    var a = [UInt32](repeating: 0, count: K)
    var b = [UInt32](repeating: 0, count: K)
    init() {
        for i in 0..<K {
            a[i] = UInt32(truncatingIfNeeded: fmix64(UInt64(2 * i + 1))) | 1
            b[i] = UInt32(truncatingIfNeeded: fmix64(UInt64(2 * i + 2)))
        }
    }
    func signature(_ hashes: [UInt64], into out: inout [UInt32]) {
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                out.withUnsafeMutableBufferPointer { out in
                    for i in 0..<K { out[i] = .max }
                    for h in hashes {
                        let x = UInt32(truncatingIfNeeded: h >> 32)
                        for i in 0..<K { out[i] = min(out[i], a[i] &* x &+ b[i]) }
                    }
                }
            }
        }
    }
}

let path = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "/tmp/near/zh.txt"
let text = try String(contentsOfFile: path, encoding: .utf8)
let paragraphs = text.components(separatedBy: "\n\n").map { p in
    p.unicodeScalars.filter { !$0.properties.isWhitespace }.map { $0.value }
}.filter { !$0.isEmpty }
let bytes = Double(text.utf8.count)
let allShingles = paragraphs.map { shingles($0) }

var oph = OPH()
let mad = MultiplyAdd()
var sig = [UInt32](repeating: 0, count: K)
var sink: UInt32 = 0
func time(_ body: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}
let tOPH = time { for s in allShingles { oph.signature(s, into: &sig); sink ^= sig[0] } }
let tMAD = time { for s in allShingles { mad.signature(s, into: &sig); sink ^= sig[0] } }
print(String(format: "paragraphs %d, %.1f MB; signatures only: OPH %.3f s (%.0f MB/s), multiply-add %.3f s (%.0f MB/s)",
             paragraphs.count, bytes / 1e6, tOPH, bytes / 1e6 / tOPH, tMAD, bytes / 1e6 / tMAD))

// Quality: each paragraph vs a copy with k scalars substituted (seeded), exact Jaccard of the
// shingle sets against each scheme's estimate.
var state: UInt64 = 42
func next() -> UInt64 { state &+= multiplier; return fmix64(state) }
var errOPH = 0.0, errMAD = 0.0, pairs = 0, worstOPH = 0.0, worstMAD = 0.0
var sigB = [UInt32](repeating: 0, count: K)
for p in paragraphs where p.count >= 10 && pairs < 20000 {
    var q = p
    let edits = 1 + Int(next() % 4)
    for _ in 0..<edits { q[Int(next() % UInt64(q.count))] = 0x4E00 + UInt32(next() % 20000) }
    let sa = shingles(p), sb = shingles(q)
    let A = Set(sa), B = Set(sb)
    let exact = Double(A.intersection(B).count) / Double(A.union(B).count)
    oph.signature(sa, into: &sig); oph.signature(sb, into: &sigB)
    let eO = Double(zip(sig, sigB).filter { $0 == $1 }.count) / Double(K)
    mad.signature(sa, into: &sig); mad.signature(sb, into: &sigB)
    let eM = Double(zip(sig, sigB).filter { $0 == $1 }.count) / Double(K)
    errOPH += abs(eO - exact); errMAD += abs(eM - exact)
    worstOPH = max(worstOPH, abs(eO - exact)); worstMAD = max(worstMAD, abs(eM - exact))
    pairs += 1
}
print(String(format: "quality on %d edited pairs: mean |estimate - Jaccard| OPH %.4f (worst %.3f), multiply-add %.4f (worst %.3f)",
             pairs, errOPH / Double(pairs), worstOPH, errMAD / Double(pairs), worstMAD))
if sink == 1 { print("") }
