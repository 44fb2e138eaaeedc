import ArgumentParser
import Dedup

/// The `dedup` command: cleans scraped text of repeated paragraphs.
struct DedupCommand: ParsableCommand {
    static let toolVersion = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "dedup",
        abstract: "Clean scraped newspaper text: normalize it and remove repeated paragraphs.",
        discussion: """
            Exit status: 0 on success, 1 when some input could not be read, 2 on a usage error.
            """,
        version: toolVersion,
        subcommands: [CleanCommand.self, NormalizeCommand.self],
        defaultSubcommand: nil
    )
}
