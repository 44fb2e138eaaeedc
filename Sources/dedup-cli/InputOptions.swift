import ArgumentParser
import Dedup

/// `--encoding`, `--strict`, `--max-paragraph-bytes`: how input bytes are read.
struct InputOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "The encoding of the input: 'auto' detects it per file (UTF-8, UTF-16/32 with a byte-order mark, GB18030, Big5, Shift_JIS, EUC-JP, EUC-KR and others ICU knows); any other value names one ICU has a converter for, such as GB18030, GBK, Big5, Shift_JIS or UTF-16LE.",
        valueName: "name"))
    var encoding = "auto"

    @Flag(help: "Fail a file that holds an invalid byte sequence instead of replacing it with U+FFFD.")
    var strict = false

    @Option(name: .customLong("max-paragraph-bytes"), help: ArgumentHelp(
        "Pass paragraphs longer than this many bytes through unchanged and count them, without looking for repeats; bounds the memory one paragraph can take.",
        valueName: "bytes"))
    var maxParagraphBytes: Int = DedupConfiguration.default.input.maxParagraphBytes

    func validate() throws {
        guard EncodingChoice(argument: encoding) != nil else {
            throw ValidationError("Unknown encoding '\(encoding)' for --encoding: ICU has no converter by that name.")
        }
        guard maxParagraphBytes > 0 else {
            throw ValidationError("--max-paragraph-bytes must be at least 1.")
        }
    }

    /// Sets the configuration's `InputHandling` from these options (call after `validate()`).
    func apply(to configuration: inout DedupConfiguration) {
        configuration.input.encoding = EncodingChoice(argument: encoding) ?? .auto
        configuration.input.strict = strict
        configuration.input.maxParagraphBytes = maxParagraphBytes
    }
}
