/// MurmurHash3 x64 128-bit (Austin Appleby's public-domain algorithm), over raw bytes.
///
/// Chosen because it is fast, has no per-process random seed (unlike Swift's `Hasher`), and has
/// bit-identical implementations on the JVM (Guava `Hashing.murmur3_128`), so a Spark job can
/// reproduce every key a local run computes.
///
/// - Complexity: O(n) in the byte count; no allocation.
public enum MurmurHash3 {
    public static func hash128(_ bytes: UnsafeRawBufferPointer, seed: UInt32 = 0) -> Hash128 {
        let c1: UInt64 = 0x87c3_7b91_1142_53d5
        let c2: UInt64 = 0x4cf5_ad43_2745_937f
        var h1 = UInt64(seed)
        var h2 = UInt64(seed)
        let length = bytes.count
        let blockCount = length / 16

        // Arithmetic below is modulo 2⁶⁴ by design (&* and &+), as the reference implementation.
        for block in 0..<blockCount {
            var k1 = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: block * 16, as: UInt64.self))
            var k2 = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: block * 16 + 8, as: UInt64.self))
            k1 = k1 &* c1; k1 = rotl(k1, 31); k1 = k1 &* c2; h1 ^= k1
            h1 = rotl(h1, 27); h1 = h1 &+ h2; h1 = h1 &* 5 &+ 0x52dc_e729
            k2 = k2 &* c2; k2 = rotl(k2, 33); k2 = k2 &* c1; h2 ^= k2
            h2 = rotl(h2, 31); h2 = h2 &+ h1; h2 = h2 &* 5 &+ 0x3849_5ab5
        }

        let tail = blockCount * 16
        let remaining = length & 15
        var k1: UInt64 = 0
        var k2: UInt64 = 0
        if remaining > 8 {
            for i in stride(from: remaining - 1, through: 8, by: -1) {
                k2 ^= UInt64(bytes[tail + i]) << (UInt64(i - 8) * 8)
            }
            k2 = k2 &* c2; k2 = rotl(k2, 33); k2 = k2 &* c1; h2 ^= k2
        }
        if remaining > 0 {
            for i in stride(from: min(remaining, 8) - 1, through: 0, by: -1) {
                k1 ^= UInt64(bytes[tail + i]) << (UInt64(i) * 8)
            }
            k1 = k1 &* c1; k1 = rotl(k1, 31); k1 = k1 &* c2; h1 ^= k1
        }

        h1 ^= UInt64(length)
        h2 ^= UInt64(length)
        h1 = h1 &+ h2
        h2 = h2 &+ h1
        h1 = fmix64(h1)
        h2 = fmix64(h2)
        h1 = h1 &+ h2
        h2 = h2 &+ h1
        return Hash128(high: h1, low: h2)
    }

    public static func hash128(_ bytes: [UInt8], seed: UInt32 = 0) -> Hash128 {
        bytes.withUnsafeBytes { hash128($0, seed: seed) }
    }

    /// The 64-bit finalizer: a bijective mix that makes every input bit affect every output bit.
    @inline(__always)
    public static func fmix64(_ value: UInt64) -> UInt64 {
        var k = value
        k ^= k >> 33
        k = k &* 0xff51_afd7_ed55_8ccd
        k ^= k >> 33
        k = k &* 0xc4ce_b9fe_1a85_ec53
        k ^= k >> 33
        return k
    }

    @inline(__always)
    static func rotl(_ x: UInt64, _ r: UInt64) -> UInt64 {
        (x << r) | (x >> (64 - r))
    }
}
