import CICU

/// Builds a paragraph's match key: the text a reader would not call different from the original —
/// NFKC compatibility forms, case folding, full/half width (all from ICU's NFKC_Casefold), with
/// punctuation, spaces and invisible characters dropped. The key only feeds hashing and shingling;
/// it never reaches the output.
///
/// A value per worker: it owns a scratch buffer that is reused across paragraphs.
public struct MatchKeyBuilder: Sendable {
    private var scratch: [UInt8]

    public init() {
        scratch = [UInt8](repeating: 0, count: 4096)
    }

    /// Calls `body` with the key bytes of `text` and the number of significant characters (letters,
    /// digits, ideographs) in it. The buffer is only valid inside `body`.
    /// - Complexity: O(n); allocates only when a paragraph's key outgrows the scratch buffer.
    public mutating func withKey<R>(
        of text: UnsafeBufferPointer<UInt8>,
        _ body: (UnsafeBufferPointer<UInt8>, Int) -> R
    ) -> R {
        var significant: Int32 = 0
        while true {
            let length = scratch.withUnsafeMutableBufferPointer { dest in
                dedup_icu_match_key(
                    text.baseAddress, Int32(clamping: text.count),
                    dest.baseAddress, Int32(clamping: dest.count), &significant)
            }
            if length >= 0 {
                return scratch.withUnsafeBufferPointer { buffer in
                    body(UnsafeBufferPointer(rebasing: buffer[0..<Int(length)]), Int(significant))
                }
            }
            if length == Int32.min {
                // ICU failed for a reason other than buffer size (not seen with valid UTF-8):
                // fall back to the text itself so the paragraph is still matched exactly.
                return body(text, text.count)
            }
            scratch = [UInt8](repeating: 0, count: Int(-length) + 64)
        }
    }

    /// `withKey(of:)` that also writes the key's scalars to `scalars` from `offset` on when the
    /// key was built by table (the usual case), and passes their number (nil otherwise: the
    /// caller decodes the key's bytes). `scalars` grows as needed, never shrinks; a paragraph
    /// over `scalarsTextLimit` bytes gets none, so one huge paragraph does not leave a buffer
    /// four times its size behind (decoding is a small part of such a paragraph's work).
    mutating func withKey<R>(
        of text: UnsafeBufferPointer<UInt8>, scalars: inout [UInt32], at offset: Int,
        _ body: (UnsafeBufferPointer<UInt8>, Int, Int?) -> R
    ) -> R {
        guard text.count <= Self.scalarsTextLimit else { return withKey(of: text) { body($0, $1, nil) } }
        let (length, significant, written) = callKey(
            dedup_icu_match_key_with_scalars, of: text, scalars: &scalars, at: offset, withScalars: true)
        if length >= 0 {
            return scratch.withUnsafeBufferPointer { buffer in
                body(UnsafeBufferPointer(rebasing: buffer[0..<Int(length)]), Int(significant), written >= 0 ? Int(written) : nil)
            }
        }
        // Too small a buffer, or an ICU failure: the general path, without scalars.
        return withKey(of: text) { body($0, $1, nil) }
    }

    /// `withKey(of:scalars:at:)` when the key can be built by table (`dedup_icu_match_key_by_table`),
    /// else nil without calling `body`. Such a text has the key of its normalized form (see
    /// `DocumentAnalyzer`), so its paragraph need only be normalized if it is kept.
    mutating func withTableKey<R>(
        of text: UnsafeBufferPointer<UInt8>, scalars: inout [UInt32], at offset: Int,
        _ body: (UnsafeBufferPointer<UInt8>, Int, Int?) -> R
    ) -> R? {
        let withScalars = text.count <= Self.scalarsTextLimit
        while true {
            let (length, significant, written) = callKey(
                dedup_icu_match_key_by_table, of: text, scalars: &scalars, at: offset, withScalars: withScalars)
            if length == DEDUP_MATCH_KEY_NOT_BY_TABLE { return nil }
            if length >= 0 {
                return scratch.withUnsafeBufferPointer { buffer in
                    body(UnsafeBufferPointer(rebasing: buffer[0..<Int(length)]), Int(significant), written >= 0 ? Int(written) : nil)
                }
            }
            scratch = [UInt8](repeating: 0, count: Int(-length) + 64)
        }
    }

    /// The C signature of `dedup_icu_match_key_with_scalars` and `dedup_icu_match_key_by_table`.
    private typealias KeyFunction = @convention(c) (
        UnsafePointer<UInt8>?, Int32, UnsafeMutablePointer<UInt8>?, Int32, UnsafeMutablePointer<Int32>?,
        UnsafeMutablePointer<UInt32>?, Int32, UnsafeMutablePointer<Int32>?
    ) -> Int32

    /// Calls `function` on `text` with the scratch buffer, and with `scalars` from `offset` on
    /// (grown to one scalar per input byte, the most a key can have) when `withScalars`.
    private mutating func callKey(
        _ function: KeyFunction, of text: UnsafeBufferPointer<UInt8>, scalars: inout [UInt32], at offset: Int,
        withScalars: Bool
    ) -> (length: Int32, significant: Int32, scalarCount: Int32) {
        if withScalars && scalars.count < offset + text.count {
            scalars.append(contentsOf: repeatElement(0, count: max(offset + text.count - scalars.count, scalars.count)))
        }
        var written: Int32 = -1
        var significant: Int32 = 0
        let length = scratch.withUnsafeMutableBufferPointer { dest in
            scalars.withUnsafeMutableBufferPointer { out in
                function(
                    text.baseAddress, Int32(clamping: text.count), dest.baseAddress, Int32(clamping: dest.count),
                    &significant, withScalars ? out.baseAddress.map { $0 + offset } : nil, Int32(clamping: text.count),
                    &written)
            }
        }
        return (length, significant, written)
    }

    /// Texts longer than this get no scalars from `withKey(of:scalars:at:)`.
    static let scalarsTextLimit = 1 << 16

    /// The key as an array, for tests and tools.
    public mutating func key(of text: [UInt8]) -> (bytes: [UInt8], significantCharacters: Int) {
        text.withUnsafeBufferPointer { input in
            withKey(of: input) { (Array($0), $1) }
        }
    }
}
