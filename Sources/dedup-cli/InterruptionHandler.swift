import Dedup
import Dispatch
import Glibc

/// Stops a run cleanly on SIGINT or SIGTERM: removes the temporary files the run's writers have
/// open (outputs already renamed into place are complete and stay), says how far the run got, and
/// exits with 128 + the signal number (130, 143).
///
/// The signals are ignored for the default disposition and delivered to dispatch sources instead,
/// so the handler runs as ordinary code on a dispatch queue (no async-signal-safety limits) while
/// the main thread keeps working; the registry's lock keeps a rename from racing the clean-up.
struct InterruptionHandler {
    private let sources: [any DispatchSourceSignal]

    /// Installs the handler for the lifetime of the returned value.
    init(registry: TemporaryFileRegistry, progress: RunProgress) {
        var sources: [any DispatchSourceSignal] = []
        for (signalNumber, name) in [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM")] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                let removed = registry.removeAllAndClose()
                let (done, total) = progress.snapshot
                var message = "dedup: interrupted by \(name): \(done) of \(total) input"
                    + "\(total == 1 ? "" : "s") finished"
                if removed > 0 {
                    message += "; removed \(removed) unfinished temporary file\(removed == 1 ? "" : "s")"
                }
                StandardError.line(message + "; outputs in place are complete")
                _exit(128 + signalNumber)
            }
            source.resume()
            sources.append(source)
        }
        self.sources = sources
    }

    /// Keeps the sources alive until the run ends.
    func keepAlive() {
        withExtendedLifetime(sources) {}
    }
}
