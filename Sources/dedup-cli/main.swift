import ArgumentParser
import Dedup
import Glibc

// Exit codes: 0 success, 1 some input failed, 2 usage error (argument-parser's own default is 64).
do {
    var command = try DedupCommand.parseAsRoot()
    try command.run()
} catch {
    let code = DedupCommand.exitCode(for: error)
    if code == .validationFailure || error is UsageError {
        let message = DedupCommand.fullMessage(for: error)
        StandardError.write(message.hasSuffix("\n") ? message : message + "\n")
        exit(ExitStatus.usage)
    }
    DedupCommand.exit(withError: error)
}
