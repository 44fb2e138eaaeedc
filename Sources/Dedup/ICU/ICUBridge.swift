import CICU

/// The Swift face of the C++ ICU shim: every ICU call the library makes goes through here,
/// so the unsafe buffer handling lives in one file.
enum ICUBridge {
    /// The linked ICU version, e.g. "72.1"; part of the configuration fingerprint because
    /// normalization tables change between ICU releases.
    static let version: String = {
        var buffer = [CChar](repeating: 0, count: 32)
        buffer.withUnsafeMutableBufferPointer { dedup_icu_version($0.baseAddress, Int32($0.count)) }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }()

    /// True for code points a reader cannot see: Unicode White_Space and Default_Ignorable_Code_Point.
    @inline(__always)
    static func isInvisibleOrSpace(_ scalar: UInt32) -> Bool {
        dedup_icu_is_invisible_or_space(scalar) != 0
    }
}
