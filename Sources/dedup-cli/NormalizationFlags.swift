import ArgumentParser
import Dedup

/// The normalization switches shared by `dedup clean` and `dedup normalize`.
struct NormalizationFlags: ParsableArguments {
    @Flag(name: .customLong("no-whitespace"), help: "Keep invisible characters, Unicode spaces, runs of spaces and indentation as they are.")
    var noWhitespace = false

    @Flag(name: .customLong("no-width"), help: "Keep full-width letters and digits and half-width katakana as they are.")
    var noWidth = false

    @Flag(name: .customLong("no-punctuation"), help: "Keep ASCII , ; : ? ! ( ) as they are, also in Chinese context.")
    var noPunctuation = false

    @Flag(name: .customLong("no-quotes"), help: "Keep straight double quotes, and do not balance or nest quotes and brackets.")
    var noQuotes = false

    @Flag(name: .customLong("no-line-join"), help: "Keep line breaks inside paragraphs.")
    var noLineJoin = false

    @Flag(name: .customLong("no-rejoin"), help: "Do not rejoin paragraphs cut by a column or page break.")
    var noRejoin = false

    @Flag(name: .customLong("no-normalize"), help: "Switch every normalization step off (the text is only split into paragraphs).")
    var noNormalize = false

    @Flag(name: .customLong("to-simplified"), help: "Convert Traditional Chinese to Simplified (ICU Traditional-Simplified).")
    var toSimplified = false

    @Option(name: .customLong("rejoin-min-chars"), help: "Only paragraphs with at least this many letters, digits or ideographs can be the first part of a cut paragraph.")
    var rejoinMinChars: Int = DedupConfiguration.defaultNormalization.rejoinMinCharacters

    func validate() throws {
        guard rejoinMinChars >= 1 else { throw ValidationError("--rejoin-min-chars must be 1 or more.") }
    }

    /// The options these flags select, starting from `options`.
    func apply(to options: NormalizationOptions) -> NormalizationOptions {
        var result = noNormalize ? NormalizationOptions.none : options
        if noWhitespace { result.whitespace = false }
        if noWidth { result.width = false }
        if noPunctuation { result.punctuation = false }
        if noQuotes { result.quotes = false }
        if noLineJoin { result.lineJoin = false }
        if noRejoin { result.rejoin = false }
        if toSimplified { result.toSimplified = true }
        result.rejoinMinCharacters = rejoinMinChars
        return result
    }
}
