import Glibc

/// Decides where a large text file is cut into parts, so that one file of gigabytes streams
/// through the corpus runner in bounded memory like many small ones.
///
/// A part always starts right after an empty line (`\n\n` or `\n\r\n`), so every part holds whole
/// paragraphs and the paragraphs of the parts, in order, are exactly those of the whole file. It
/// prefers a cut after a paragraph that ends with closing or final punctuation (ICU categories
/// Po, Pe, Pf: `。` `.` `！` `”` `）`): such a paragraph can never be the first half of a paragraph
/// cut by a page break (`CutParagraphRejoiner` wants a letter, digit, ideograph, opening mark or
/// dash at the end), so the rejoining of cut paragraphs is the same as for the whole file. When
/// no such cut turns up within `partBytes / 2` after the target, any empty line is taken (a cut
/// paragraph straddling that one line is then not rejoined); a file without any empty line after
/// its first part is one part.
///
/// The encoding is decided once, from the file's first `EncodingDetector.sampleLimit` bytes, and
/// every part is read in it, so parts cannot disagree. Files that are not ASCII-compatible
/// (UTF-16/32 with a byte-order mark), binary at the start, or compressed stay whole.
struct TextPartPlanner {
    /// Target size of a part; parts end at the first suitable cut after it.
    var partBytes: Int
    /// How the input's encoding is chosen (`--encoding`).
    var encoding: EncodingChoice

    /// The plan for one file: its parts' byte ranges (consecutive, covering the file) and the
    /// encoding every part is read in.
    struct Plan: Equatable {
        var ranges: [Range<Int>]
        var encoding: String
        /// Why: what the head's detection said, or `.forced` for `--encoding NAME`.
        var basis: EncodingBasis
    }

    /// The parts of the file at `path` (`size` bytes), or nil to read it whole.
    /// - Complexity: O(size): one sequential read of the file in 1 MiB chunks.
    func plan(path: String, size: Int) -> Plan? {
        guard size > partBytes, !GzipDecoder.fileIsGzip(path) else { return nil }
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        if fd < 0 { return nil }  // the part reader reports the error
        defer { close(fd) }
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        guard let (encoding, basis) = decideEncoding(fd: fd, chunk: &chunk) else { return nil }
        var scanner = CutScanner(partBytes: partBytes)
        var offset = 0
        while true {
            let n = chunk.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, off_t(offset)) }
            if n < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if n == 0 { break }
            chunk.withUnsafeBufferPointer { scanner.scan(UnsafeBufferPointer(rebasing: $0[0..<n]), at: offset) }
            offset += n
        }
        let ranges = scanner.ranges(fileSize: offset)
        return ranges.count > 1 ? Plan(ranges: ranges, encoding: encoding, basis: basis) : nil
    }

    /// The encoding of the file's head (cut at its last newline so no character is split), or
    /// nil when the file must be read whole.
    private func decideEncoding(fd: Int32, chunk: inout [UInt8]) -> (String, EncodingBasis)? {
        let n = chunk.withUnsafeMutableBytes { pread(fd, $0.baseAddress, min($0.count, EncodingDetector.sampleLimit), 0) }
        guard n > 0 else { return nil }
        let headEnd = (chunk[0..<n].lastIndex(of: 0x0A) ?? n - 1) + 1
        let detection = chunk.withUnsafeBufferPointer {
            EncodingDetector().detect(UnsafeBufferPointer(rebasing: $0[0..<headEnd]))
        }
        switch (encoding, detection) {
        case (_, .binary):
            return nil
        case (.named(let name), _):
            return Self.isASCIICompatible(name) ? (name, .forced) : nil
        case (.auto, .text(let name, let basis)):
            return Self.isASCIICompatible(name) ? (name, basis) : nil
        }
    }

    /// False for encodings whose newline is not the byte 0x0A alone (cutting at 0x0A would split
    /// a character).
    static func isASCIICompatible(_ encoding: String) -> Bool {
        let upper = encoding.uppercased()
        return !(upper.hasPrefix("UTF-16") || upper.hasPrefix("UTF-32") || upper.hasPrefix("UTF16")
            || upper.hasPrefix("UTF32") || upper.hasPrefix("UCS") || upper.hasPrefix("IBM") || upper.hasPrefix("EBCDIC"))
    }

    /// Finds the cuts in one pass over the bytes, chunk by chunk.
    struct CutScanner {
        let partBytes: Int
        private(set) var cuts: [Int] = []
        /// Where the next part should end at the earliest.
        private var target: Int
        /// The first plain (not preferred) cut at or after `target`, the fallback.
        private var fallback: Int?
        /// Nonzero when the current line so far holds anything but CR.
        private var lineLength = 0
        /// The last up to 4 bytes of the last line that was not empty, ignoring spaces, tabs and CR.
        private var tail: UInt32 = 0
        private var tailCount = 0

        init(partBytes: Int) {
            self.partBytes = partBytes
            self.target = partBytes
        }

        /// Scans the next `bytes` of the file, which start at offset `start`.
        /// - Complexity: O(bytes), newlines found with `memchr`.
        mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) {
            guard let base = bytes.baseAddress else { return }
            var lineStart = 0
            while true {
                let remaining = bytes.count - lineStart
                let newline = remaining > 0 ? memchr(base + lineStart, 0x0A, remaining) : nil
                let lineEnd = newline.map { UnsafeRawPointer($0) - UnsafeRawPointer(base) } ?? bytes.count
                note(UnsafeBufferPointer(start: base + lineStart, count: lineEnd - lineStart))
                guard newline != nil else { return }
                if lineLength == 0 { consider(cut: start + lineEnd + 1) }
                lineLength = 0
                lineStart = lineEnd + 1
            }
        }

        /// Takes a piece of the current line (without its newline): whether it holds anything
        /// but CR, and its last bytes other than space, tab and CR.
        private mutating func note(_ piece: UnsafeBufferPointer<UInt8>) {
            var collected: UInt32 = 0
            var found = 0
            var content = false
            var i = piece.count - 1
            while i >= 0 && found < 4 {
                let byte = piece[i]
                if byte != 0x0D {
                    content = true
                    if byte != 0x20 && byte != 0x09 {
                        collected |= UInt32(byte) << (8 * UInt32(found))
                        found += 1
                    }
                }
                i -= 1
            }
            if content { lineLength += 1 }
            if found == 4 {
                tail = collected
            } else if found > 0 {
                tail = (tail << (8 * UInt32(found))) | collected
            }
            tailCount = min(tailCount + found, 4)
        }

        /// An empty line ends at `position`: cut there if it is past the target and suitable.
        private mutating func consider(cut position: Int) {
            guard position >= target else { return }
            if endsWithClosingPunctuation {
                take(position)
            } else if let first = fallback {
                if position - first >= partBytes / 2 { take(first) }
            } else {
                fallback = position
            }
        }

        private mutating func take(_ position: Int) {
            cuts.append(position)
            target = position + partBytes
            fallback = nil
        }

        /// True when the last non-space character before the empty line is punctuation of ICU
        /// category Po, Pe or Pf.
        private var endsWithClosingPunctuation: Bool {
            guard tailCount > 0 else { return false }
            var bytes: [UInt8] = []
            for k in stride(from: tailCount - 1, through: 0, by: -1) { bytes.append(UInt8(truncatingIfNeeded: tail >> (8 * UInt32(k)))) }
            // The last scalar: start at the last byte that is not a continuation byte.
            guard let lead = bytes.lastIndex(where: { $0 & 0xC0 != 0x80 }) else { return false }
            var decoder = UTF8()
            var iterator = bytes[lead...].makeIterator()
            guard case .scalarValue(let scalar) = decoder.decode(&iterator) else { return false }
            switch scalar.properties.generalCategory {
            case .otherPunctuation, .closePunctuation, .finalPunctuation: return true
            default: return false
            }
        }

        /// The consecutive byte ranges the cuts make of a file of `fileSize` bytes; a last cut
        /// still waiting for a better one is taken.
        func ranges(fileSize: Int) -> [Range<Int>] {
            var all = cuts
            if let fallback, fallback < fileSize { all.append(fallback) }
            var ranges: [Range<Int>] = []
            var start = 0
            for cut in all where cut > start && cut < fileSize {
                ranges.append(start..<cut)
                start = cut
            }
            ranges.append(start..<fileSize)
            return ranges
        }
    }
}
