/// Reads a file's raw bytes as text under `InputHandling`: detects or takes the encoding, skips
/// binary files, converts to UTF-8 with ICU, and hands back `DecodedText` (LF line ends, no BOM,
/// invalid sequences replaced with U+FFFD and counted, or, strict, an error).
public struct InputDecoder: Sendable {
    public let options: InputHandling
    private let utf8 = UTF8InputDecoder()
    private let detector = EncodingDetector()

    public init(options: InputHandling) {
        self.options = options
    }

    /// Decodes `raw`, the bytes of the file called `path` (for messages).
    /// - Throws: `InputDecodingError` naming `path`.
    /// - Complexity: O(n); a non-UTF-8 file costs one conversion buffer of about 3n bytes.
    public func decode(_ raw: [UInt8], path: String) throws(InputDecodingError) -> DecodedText {
        let detection: EncodingDetection
        var isPlain = false
        switch options.encoding {
        case .auto:
            (detection, isPlain) = raw.withUnsafeBufferPointer { detector.detectScanning($0) }
        case .named(let name):
            let wide = name.uppercased().hasPrefix("UTF-16") || name.uppercased().hasPrefix("UTF-32")
            if !wide && raw.contains(0) {
                detection = .binary(reason: "contains NUL bytes")
            } else {
                detection = .text(encoding: name, basis: .forced)
            }
        }
        switch detection {
        case .binary(let reason):
            throw .binary(path: path, reason: reason)
        case .text(let encoding, let basis) where Self.isUTF8(encoding):
            // Bytes the detector found plain need no change: not scanned again.
            var decoded = isPlain ? utf8.plain(raw) : utf8.decode(raw)
            decoded.basis = basis
            if options.strict && decoded.replacedSequences > 0 {
                throw .invalidSequence(path: path, encoding: "UTF-8", line: decoded.firstReplacementLine)
            }
            return decoded
        case .text(let encoding, let basis):
            let conversion: ICUCharsets.Conversion
            do {
                conversion = try raw.withUnsafeBufferPointer { buffer throws(ICUCharsets.ConversionFailure) in
                    try ICUCharsets.convertToUTF8(buffer, from: encoding, strict: options.strict)
                }
            } catch {
                throw .conversionFailed(path: path, encoding: encoding)
            }
            if conversion.stoppedAtInvalid {
                throw .invalidSequence(path: path, encoding: encoding, line: conversion.firstInvalidLine)
            }
            // The converted bytes are well-formed UTF-8; this pass only turns CRLF/CR into LF and
            // drops a BOM the converter kept (UTF-16LE/BE keep U+FEFF).
            var decoded = utf8.decode(conversion.bytes)
            decoded.encoding = encoding
            decoded.basis = basis
            decoded.replacedSequences = conversion.invalidSequences
            decoded.firstReplacementLine = conversion.firstInvalidLine
            decoded.hadByteOrderMark = decoded.hadByteOrderMark || basis == .byteOrderMark
            return decoded
        }
    }

    static func isUTF8(_ encoding: String) -> Bool {
        let upper = encoding.uppercased()
        return upper == "UTF-8" || upper == "UTF8"
    }
}
