/// Decoding of one scalar from well-formed UTF-8 bytes, for hot loops that must not build `String`s.
enum UTF8Scalar {
    /// Decodes the scalar whose lead byte is at `i`. The input is well-formed (decoded text), so
    /// only the bounds are checked; a truncated sequence decodes as U+FFFD of length 1.
    @inline(__always)
    static func decode(_ text: UnsafeBufferPointer<UInt8>, at i: Int, end: Int) -> (UInt32, Int) {
        let b0 = UInt32(text[i])
        if b0 < 0x80 { return (b0, 1) }
        let length = b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : 2
        guard i + length <= end else { return (0xFFFD, 1) }
        var value: UInt32
        switch length {
        case 2: value = b0 & 0x1F
        case 3: value = b0 & 0x0F
        default: value = b0 & 0x07
        }
        for k in 1..<length {
            value = (value << 6) | (UInt32(text[i + k]) & 0x3F)
        }
        return (value, length)
    }

    /// The number of bytes of the scalar whose lead byte is `b`.
    @inline(__always)
    static func length(lead b: UInt8) -> Int {
        b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
    }
}
