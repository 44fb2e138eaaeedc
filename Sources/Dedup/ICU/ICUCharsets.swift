import CICU

/// ICU's charset detector and converters, through the C shim (`dedup_icu_charset.h`).
enum ICUCharsets {
    /// One candidate from ICU's detector.
    struct Match: Sendable, Equatable {
        /// ICU's name, e.g. "GB18030", "Big5", "Shift_JIS", "ISO-8859-1".
        var name: String
        /// 0-100; ICU's own scale, comparable only between candidates for the same text.
        var confidence: Int
    }

    /// What one conversion produced.
    struct Conversion: Sendable {
        var bytes: [UInt8]
        var invalidSequences: Int
        /// 1-based line in the converted text of the first invalid sequence.
        var firstInvalidLine: Int?
        /// Byte offset in the source of the first invalid sequence.
        var firstInvalidSourceOffset: Int?
        /// True when `strict` stopped at an invalid sequence; `bytes` is then empty.
        var stoppedAtInvalid: Bool
    }

    enum ConversionFailure: Error, Sendable {
        case unknownCharset
        case icuFailure
    }

    private static let nameCapacity = 64

    /// ICU's detector candidates for `bytes`, best first.
    /// - Complexity: O(n); the detector looks at every byte it is given.
    static func detect(_ bytes: UnsafeBufferPointer<UInt8>, maxMatches: Int = 8) -> [Match] {
        var names = [CChar](repeating: 0, count: nameCapacity * maxMatches)
        var confidences = [Int32](repeating: 0, count: maxMatches)
        let count = names.withUnsafeMutableBufferPointer { namesBuffer in
            confidences.withUnsafeMutableBufferPointer { confidenceBuffer in
                dedup_icu_detect_charsets(
                    bytes.baseAddress, Int32(clamping: bytes.count), namesBuffer.baseAddress,
                    Int32(nameCapacity), confidenceBuffer.baseAddress, Int32(maxMatches))
            }
        }
        guard count > 0 else { return [] }
        return (0..<Int(count)).map { index in
            let slot = names[(index * nameCapacity)..<((index + 1) * nameCapacity)]
            let name = String(decoding: slot.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            return Match(name: name, confidence: Int(confidences[index]))
        }
    }

    /// ICU's canonical name for an encoding name or alias, or nil when ICU has no converter for it.
    static func canonicalName(_ name: String) -> String? {
        guard !name.isEmpty, !name.utf8.contains(0) else { return nil }
        var canonical = [CChar](repeating: 0, count: nameCapacity)
        let found = canonical.withUnsafeMutableBufferPointer { buffer in
            dedup_icu_charset_exists(name, buffer.baseAddress, Int32(nameCapacity))
        }
        guard found == 1 else { return nil }
        return String(decoding: canonical.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Converts `source` from `charset` to UTF-8.
    /// - Throws: `ConversionFailure` when ICU has no such converter or fails otherwise.
    /// - Complexity: O(n); one output allocation of about 3n bytes, trimmed to size.
    static func convertToUTF8(
        _ source: UnsafeBufferPointer<UInt8>, from charset: String, strict: Bool
    ) throws(ConversionFailure) -> Conversion {
        var capacity = 3 * source.count + 16
        while true {
            var result = dedup_icu_conversion()
            var length: Int64 = 0
            let bytes = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, initialized in
                length = dedup_icu_convert_to_utf8(
                    charset, source.baseAddress, Int64(source.count), buffer.baseAddress,
                    Int64(buffer.count), strict ? 1 : 0, &result)
                initialized = result.status == 0 ? Int(length) : 0
            }
            switch result.status {
            case 0, 2:
                return Conversion(
                    bytes: bytes, invalidSequences: Int(result.invalid_sequences),
                    firstInvalidLine: result.first_invalid_line > 0 ? Int(result.first_invalid_line) : nil,
                    firstInvalidSourceOffset: result.first_invalid_source_offset >= 0
                        ? Int(result.first_invalid_source_offset) : nil,
                    stoppedAtInvalid: result.status == 2)
            case 1:
                capacity *= 2
            case 3:
                throw .unknownCharset
            default:
                throw .icuFailure
            }
        }
    }
}
