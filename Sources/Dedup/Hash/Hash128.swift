/// A 128-bit hash value. Exact-duplicate keys use all 128 bits so that a persistent archive index of
/// billions of paragraphs stays collision-free in practice (64 bits would collide at ~10⁹ entries).
public struct Hash128: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var high: UInt64
    public var low: UInt64

    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// 32 lowercase hex digits, high word first: the form used in reports and persisted indexes.
    public var description: String {
        hex(high) + hex(low)
    }

    public static func < (lhs: Hash128, rhs: Hash128) -> Bool {
        (lhs.high, lhs.low) < (rhs.high, rhs.low)
    }

    private func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
