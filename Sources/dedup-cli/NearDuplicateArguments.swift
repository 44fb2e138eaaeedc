import ArgumentParser
import Dedup

/// Which copy stays, as a command-line choice.
extension KeepPolicy: ExpressibleByArgument {}

/// A containment threshold in (0, 1], or `off`.
struct ContainmentSetting: ExpressibleByArgument, Equatable {
    var value: Double?

    init(value: Double?) {
        self.value = value
    }

    init?(argument: String) {
        if argument == "off" { value = nil; return }
        guard let number = Double(argument) else { return nil }
        value = number
    }

    var defaultValueDescription: String {
        value.map { String($0) } ?? "off"
    }
}

/// `--threshold`, `--containment`, `--ngram`, `--permutations`, `--keep`: how near duplicates
/// and fragments are found and which copy stays.
struct NearDuplicateArguments: ParsableArguments {
    @Option(help: "Remove a paragraph whose shingle Jaccard similarity with a kept paragraph is at least this (0 < J <= 1).")
    var threshold: Double = DedupConfiguration.default.near.threshold

    @Option(help: "Remove a paragraph with at least this fraction of its shingles inside one kept paragraph that is not smaller (0 < C <= 1), or 'off'.")
    var containment = ContainmentSetting(value: DedupConfiguration.default.near.containment)

    @Option(help: "Characters per shingle (1 to 64).")
    var ngram: Int = DedupConfiguration.default.near.ngram

    @Option(help: "MinHash values per paragraph (8 to 1024); LSH bands and rows follow from it and the threshold. Fewer is faster and finds more candidates to verify.")
    var permutations: Int = DedupConfiguration.default.near.permutations

    @Option(help: "Which copy of repeated paragraphs stays: first, longest, or none (remove every copy).")
    var keep: KeepPolicy = DedupConfiguration.default.near.keep

    func validate() throws {
        guard threshold > 0, threshold <= 1 else {
            throw ValidationError("--threshold must be greater than 0 and at most 1.")
        }
        if let value = containment.value, !(value > 0 && value <= 1) {
            throw ValidationError("--containment must be greater than 0 and at most 1, or 'off'.")
        }
        guard (1...64).contains(ngram) else { throw ValidationError("--ngram must be between 1 and 64.") }
        guard (8...1024).contains(permutations) else {
            throw ValidationError("--permutations must be between 8 and 1024.")
        }
    }

    /// Writes these choices into `configuration`.
    func apply(to configuration: inout DedupConfiguration) {
        configuration.near.threshold = threshold
        configuration.near.containment = containment.value
        configuration.near.ngram = ngram
        configuration.near.permutations = permutations
        configuration.near.keep = keep
    }
}
