/// Why a JSON Lines record cannot be cleaned. The line is passed through unchanged and counted.
public struct JSONLRecordError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    /// 1-based line number in the (decompressed) file.
    public var line: Int
    public var message: String

    public var description: String { "\(path):\(line): \(message)" }
}

/// One JSON Lines record: its original bytes, where its text value lies, the decoded text and
/// its id. Every byte outside the text value is written back unchanged.
public struct JSONLRecord: Sendable, Equatable {
    /// The line as read, without its line end.
    public var line: [UInt8]
    /// 1-based line number.
    public var lineNumber: Int
    /// The text field's string token in `line`, quotes included.
    public var textToken: Range<Int>
    /// The text field's value, unescaped (UTF-8).
    public var text: [UInt8]
    /// The id field's value: a string unescaped, a number as written; nil when absent or of
    /// another type.
    public var id: String?

    /// Parses `line`.
    /// - Throws: `JSONLRecordError` when the line is not a JSON object or its text field is
    ///   missing or not a string. With duplicate keys the last one counts, as in most parsers.
    public static func parse(
        line: [UInt8], lineNumber: Int, path: String, textField: String, idField: String
    ) throws(JSONLRecordError) -> JSONLRecord {
        let members: [JSONMember]
        do {
            members = try JSONLineScanner().members(of: line)
        } catch {
            throw JSONLRecordError(path: path, line: lineNumber, message: "not a JSON object: \(error)")
        }
        let textKey = Array(textField.utf8)
        let idKey = Array(idField.utf8)
        var textMember: JSONMember? = nil
        var idMember: JSONMember? = nil
        for member in members {
            let key = JSONStringCodec.decode(line[member.key])
            if key == textKey { textMember = member }
            if key == idKey { idMember = member }
        }
        guard let textMember else {
            throw JSONLRecordError(path: path, line: lineNumber, message: "no \"\(textField)\" field")
        }
        guard line[textMember.value.lowerBound] == UInt8(ascii: "\"") else {
            throw JSONLRecordError(path: path, line: lineNumber, message: "\"\(textField)\" is not a string")
        }
        var id: String? = nil
        if let idMember {
            let token = line[idMember.value]
            switch token.first ?? 0 {
            case UInt8(ascii: "\""): id = String(decoding: JSONStringCodec.decode(token), as: UTF8.self)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): id = String(decoding: token, as: UTF8.self)
            default: id = nil
            }
        }
        return JSONLRecord(
            line: line, lineNumber: lineNumber, textToken: textMember.value,
            text: JSONStringCodec.decode(line[textMember.value]), id: id)
    }

    /// The line with the text value replaced by `newText` (UTF-8), every other byte unchanged.
    public func replacingText(with newText: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(line.count - textToken.count + newText.count + 2)
        output += line[..<textToken.lowerBound]
        output += JSONStringCodec.encode(newText)
        output += line[textToken.upperBound...]
        return output
    }
}
