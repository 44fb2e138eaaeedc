// Design note: JSON strings are handled as UTF-8 bytes. Decoding resolves the escapes (\uXXXX
// with surrogate pairs; a lone surrogate becomes U+FFFD); encoding escapes only what JSON
// requires (quote, backslash, control characters) and writes everything else as raw UTF-8.
// Both are O(n) with one output buffer.

/// Converts between JSON string tokens (with their quotes) and UTF-8 text.
public enum JSONStringCodec {
    /// Decodes a string token `"..."`; `token` must have been validated by `JSONLineScanner`.
    public static func decode(_ token: ArraySlice<UInt8>) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(token.count)
        var i = token.startIndex + 1
        let end = token.endIndex - 1
        var pendingHigh: UInt32? = nil
        func flushHigh() {
            if pendingHigh != nil {
                appendScalar(0xFFFD, to: &output)
                pendingHigh = nil
            }
        }
        while i < end {
            let byte = token[i]
            guard byte == UInt8(ascii: "\\"), i + 1 < end else {
                flushHigh()
                output.append(byte)
                i += 1
                continue
            }
            let escape = token[i + 1]
            if escape == UInt8(ascii: "u"), i + 5 < token.endIndex, let unit = hexValue(token[(i + 2)..<(i + 6)]) {
                i += 6
                if (0xD800..<0xDC00).contains(unit) {
                    flushHigh()
                    pendingHigh = unit
                } else if (0xDC00..<0xE000).contains(unit) {
                    if let high = pendingHigh {
                        appendScalar(0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00), to: &output)
                        pendingHigh = nil
                    } else {
                        appendScalar(0xFFFD, to: &output)
                    }
                } else {
                    flushHigh()
                    appendScalar(unit, to: &output)
                }
                continue
            }
            flushHigh()
            switch escape {
            case UInt8(ascii: "n"): output.append(0x0A)
            case UInt8(ascii: "r"): output.append(0x0D)
            case UInt8(ascii: "t"): output.append(0x09)
            case UInt8(ascii: "b"): output.append(0x08)
            case UInt8(ascii: "f"): output.append(0x0C)
            default: output.append(escape)  // \" \\ \/
            }
            i += 2
        }
        flushHigh()
        return output
    }

    /// `text` (UTF-8) as a JSON string token with quotes.
    public static func encode(_ text: [UInt8]) -> [UInt8] {
        var output: [UInt8] = [UInt8(ascii: "\"")]
        output.reserveCapacity(text.count + 2)
        let hex = Array("0123456789abcdef".utf8)
        for byte in text {
            switch byte {
            case UInt8(ascii: "\""): output += [0x5C, 0x22]
            case UInt8(ascii: "\\"): output += [0x5C, 0x5C]
            case 0x0A: output += [0x5C, UInt8(ascii: "n")]
            case 0x0D: output += [0x5C, UInt8(ascii: "r")]
            case 0x09: output += [0x5C, UInt8(ascii: "t")]
            case 0x00..<0x20:
                output += [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 15)]]
            default: output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
        return output
    }

    static func hexValue(_ digits: ArraySlice<UInt8>) -> UInt32? {
        var value: UInt32 = 0
        for digit in digits {
            let nibble: UInt8
            switch digit {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = digit - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = digit - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): nibble = digit - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(nibble)
        }
        return value
    }

    static func appendScalar(_ value: UInt32, to output: inout [UInt8]) {
        let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
        output.append(contentsOf: UTF8.encode(scalar)!)  // safe: every Unicode.Scalar encodes
    }
}
