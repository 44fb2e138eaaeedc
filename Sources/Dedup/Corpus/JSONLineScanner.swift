// Design note: a validating scanner for one JSON Lines record. It does not build values; it
// finds where each top-level member's key and value lie in the line's bytes, so a record can be
// rewritten by replacing one value's bytes while every other byte stays as it was (re-encoding
// with Foundation would reorder keys and respell numbers and escapes). Nesting is bounded by
// `maximumDepth` so a hostile line cannot overflow the stack. O(n) in the line length.

/// Where one top-level member of a JSON object lies in the line.
public struct JSONMember: Sendable, Equatable {
    /// The key's string token, quotes included.
    public var key: Range<Int>
    /// The value's token (string with quotes, number, literal, object or array).
    public var value: Range<Int>
}

/// Why a line is not a JSON object; `offset` is the 0-based byte offset in the line.
public struct JSONLineError: Error, Sendable, Equatable, CustomStringConvertible {
    public var offset: Int
    public var message: String

    public var description: String { "\(message) at byte \(offset + 1)" }
}

/// Scans one line that must hold exactly one JSON object.
public struct JSONLineScanner: Sendable {
    public var maximumDepth = 512

    public init() {}

    /// The object's top-level members in line order.
    /// - Throws: `JSONLineError` when the line is not exactly one well-formed JSON object.
    public func members(of line: [UInt8]) throws(JSONLineError) -> [JSONMember] {
        var cursor = Cursor(bytes: line, maximumDepth: maximumDepth)
        cursor.skipWhitespace()
        guard cursor.peek == UInt8(ascii: "{") else { throw cursor.error("expected a JSON object") }
        let members = try cursor.object(collecting: true)
        cursor.skipWhitespace()
        guard cursor.atEnd else { throw cursor.error("unexpected text after the JSON object") }
        return members
    }

    private struct Cursor {
        let bytes: [UInt8]
        let maximumDepth: Int
        var position = 0
        var depth = 0

        var atEnd: Bool { position >= bytes.count }
        var peek: UInt8? { atEnd ? nil : bytes[position] }

        func error(_ message: String) -> JSONLineError {
            JSONLineError(offset: position, message: message)
        }

        mutating func skipWhitespace() {
            while let byte = peek, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                position += 1
            }
        }

        /// Parses an object at `position`; returns its members when `collecting`.
        mutating func object(collecting: Bool) throws(JSONLineError) -> [JSONMember] {
            depth += 1
            guard depth <= maximumDepth else { throw error("nesting deeper than \(maximumDepth)") }
            defer { depth -= 1 }
            position += 1  // "{"
            var members: [JSONMember] = []
            skipWhitespace()
            if peek == UInt8(ascii: "}") {
                position += 1
                return members
            }
            while true {
                skipWhitespace()
                guard peek == UInt8(ascii: "\"") else { throw error("expected a string key") }
                let keyStart = position
                try string()
                let key = keyStart..<position
                skipWhitespace()
                guard peek == UInt8(ascii: ":") else { throw error("expected ':'") }
                position += 1
                skipWhitespace()
                let valueStart = position
                try value()
                if collecting { members.append(JSONMember(key: key, value: valueStart..<position)) }
                skipWhitespace()
                switch peek {
                case UInt8(ascii: ","): position += 1
                case UInt8(ascii: "}"):
                    position += 1
                    return members
                default: throw error("expected ',' or '}'")
                }
            }
        }

        mutating func array() throws(JSONLineError) {
            depth += 1
            guard depth <= maximumDepth else { throw error("nesting deeper than \(maximumDepth)") }
            defer { depth -= 1 }
            position += 1  // "["
            skipWhitespace()
            if peek == UInt8(ascii: "]") {
                position += 1
                return
            }
            while true {
                skipWhitespace()
                try value()
                skipWhitespace()
                switch peek {
                case UInt8(ascii: ","): position += 1
                case UInt8(ascii: "]"):
                    position += 1
                    return
                default: throw error("expected ',' or ']'")
                }
            }
        }

        mutating func value() throws(JSONLineError) {
            switch peek ?? 0 {
            case UInt8(ascii: "{"): _ = try object(collecting: false)
            case UInt8(ascii: "["): try array()
            case UInt8(ascii: "\""): try string()
            case UInt8(ascii: "t"): try literal("true")
            case UInt8(ascii: "f"): try literal("false")
            case UInt8(ascii: "n"): try literal("null")
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number()
            default: throw error("expected a JSON value")
            }
        }

        mutating func string() throws(JSONLineError) {
            position += 1  // opening quote
            while let byte = peek {
                switch byte {
                case UInt8(ascii: "\""):
                    position += 1
                    return
                case UInt8(ascii: "\\"):
                    guard position + 1 < bytes.count else { throw error("unterminated string") }
                    let escape = bytes[position + 1]
                    switch escape {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
                        UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                        position += 2
                    case UInt8(ascii: "u"):
                        guard position + 6 <= bytes.count,
                            JSONStringCodec.hexValue(bytes[(position + 2)..<(position + 6)]) != nil
                        else { throw error("bad \\u escape") }
                        position += 6
                    default: throw error("bad escape")
                    }
                case 0x00..<0x20: throw error("control character in string")
                default: position += 1
                }
            }
            throw error("unterminated string")
        }

        mutating func literal(_ word: StaticString) throws(JSONLineError) {
            let count = word.utf8CodeUnitCount
            let expected = UnsafeBufferPointer(start: word.utf8Start, count: count)
            guard position + count <= bytes.count, bytes[position..<(position + count)].elementsEqual(expected) else {
                throw error("expected a JSON value")
            }
            position += count
        }

        mutating func number() throws(JSONLineError) {
            if peek == UInt8(ascii: "-") { position += 1 }
            guard digits() > 0 else { throw error("bad number") }
            if peek == UInt8(ascii: ".") {
                position += 1
                guard digits() > 0 else { throw error("bad number") }
            }
            if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
                position += 1
                if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { position += 1 }
                guard digits() > 0 else { throw error("bad number") }
            }
        }

        mutating func digits() -> Int {
            var count = 0
            while let byte = peek, byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                position += 1
                count += 1
            }
            return count
        }
    }
}
