import Dedup
import Glibc

// libFuzzer calls this once per input. The input runs through the whole pipeline twice — once
// read as UTF-8, once through encoding detection (ICU's detector and converters) — and then the
// invariants every run must keep are checked; a broken one aborts, which libFuzzer reports as a
// finding with the input that caused it.

/// Aborts with a message when `condition` is false.
private func require(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition {
        let text = Array("invariant broken: \(message())\n".utf8)
        _ = text.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
        abort()
    }
}

private func isWellFormedUTF8(_ bytes: [UInt8]) -> Bool {
    ByteSurvey(bytes).isValidUTF8
}

private func check(_ cleaned: CleanedDocument) {
    let decoded = cleaned.analyzed.decoded.bytes
    require(isWellFormedUTF8(decoded), "decoded text is not well-formed UTF-8")
    require(!decoded.contains(0x0D), "decoded text holds a CR")
    require(isWellFormedUTF8(cleaned.output), "output is not well-formed UTF-8")
    // Decoding is idempotent on decoded text.
    require(UTF8InputDecoder().decode(decoded).bytes == decoded || decoded.starts(with: [0xEF, 0xBB, 0xBF]),
            "decoding decoded text changed it")
    // Every paragraph lies inside the text, in order, without overlap.
    var previousEnd = 0
    for paragraph in cleaned.analyzed.paragraphs {
        require(paragraph.span.lowerBound >= previousEnd && paragraph.span.upperBound <= decoded.count,
                "paragraph spans out of order or out of range")
        previousEnd = paragraph.span.upperBound
    }
    // A paragraph keyed as read (its normalization left to the assembler) has the key of its
    // normalized text (DocumentAnalyzer.normalizesLate).
    var normalizer = ParagraphNormalizer(options: DedupConfiguration.default.normalization)
    var fingerprinter = ParagraphFingerprinter(configuration: .default)
    for paragraph in cleaned.analyzed.paragraphs where !paragraph.isNormalized && !paragraph.isOversized {
        let normalized = fingerprinter.fingerprint(normalizer.normalize(Array(paragraph.text)).text)
        require(normalized.exactKey == paragraph.fingerprint.exactKey
                    && normalized.significantCharacters == paragraph.fingerprint.significantCharacters,
                "a paragraph keyed as read has another key than its normalized text")
    }
    // Removals name earlier paragraphs.
    for removal in cleaned.plan.removals {
        require(removal.kept.document != cleaned.id || removal.kept.paragraph < removal.paragraph,
                "a removal points at a later paragraph")
    }
    // Cleaning is idempotent with cut-paragraph rejoining off. With it on, a second run may do
    // more: join a paragraph whose continuation was removed as a repeat with its new neighbour,
    // or find a later paragraph inside a rejoined one (README, Normalization step 7).
    var first = Prototypes.withoutRejoining
    let once = first.clean(cleaned.analyzed.decoded, id: DocumentID("once")).output
    var again = Prototypes.withoutRejoining
    let second = again.clean(once, id: DocumentID("again"))
    // (A leading U+FEFF in the output is read as a byte-order mark the second time: exempt.)
    require(second.output == once || once.starts(with: [0xEF, 0xBB, 0xBF]),
            "cleaning the output again changed it")
}

/// Pipelines built once and copied per input (values: a copy starts with empty detection state),
/// so per-configuration set-up is not repeated millions of times.
private enum Prototypes {
    static let standard = CleaningPipeline()
    static let withoutRejoining: CleaningPipeline = {
        var configuration = DedupConfiguration.default
        configuration.normalization.rejoin = false
        return CleaningPipeline(configuration: configuration)
    }()
    static let strict: CleaningPipeline = {
        var configuration = DedupConfiguration.default
        configuration.input.strict = true
        configuration.input.maxParagraphBytes = 64
        return CleaningPipeline(configuration: configuration)
    }()
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = size == 0 || data == nil ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    var utf8 = Prototypes.standard
    let plain = utf8.clean(bytes, id: DocumentID("fuzz"))
    check(plain)
    var detecting = Prototypes.standard
    do {
        let detected = try detecting.cleanInput(bytes, id: DocumentID("fuzz"), path: "fuzz")
        if detected.analyzed.decoded.bytes == plain.analyzed.decoded.bytes {
            // Same text (the usual case: valid UTF-8): the result must be the same, and the
            // invariants were checked above.
            require(detected.output == plain.output, "the same decoded text cleaned differently")
        } else {
            check(detected)
        }
    } catch {
        // Detection may only refuse binary input; any other failure is a finding.
        if case .binary = error {} else { require(false, "auto-detected input failed: \(error)") }
    }
    var strict = Prototypes.strict
    if let cleaned = try? strict.cleanInput(bytes, id: DocumentID("fuzz"), path: "fuzz") {
        require(cleaned.analyzed.decoded.replacedSequences == 0, "strict decoding replaced a sequence")
    }
    return 0
}

/// libFuzzer's driver (in the sanitizer runtime linked by `-sanitize=fuzzer`).
@_silgen_name("LLVMFuzzerRunDriver")
private func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

/// SwiftPM links an executable target's entry point as `<target>_main` (so tests can link the
/// module); with `-parse-as-library` there is none, so this is it: hand over to libFuzzer.
@_cdecl("DedupFuzz_main")
public func dedupFuzzMain(
    _ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
) -> Int32 {
    var count = argc
    var arguments = argv
    return withUnsafeMutablePointer(to: &arguments) { argumentsPointer in
        runFuzzerDriver(&count, argumentsPointer) { data, size in fuzzOneInput(data, size) }
    }
}
