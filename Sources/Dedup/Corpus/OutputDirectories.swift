import Synchronization

/// The output directories a corpus run has made sure exist, so each is checked or created once
/// per run instead of once per output file (a `stat` per file is measurable on a tree of
/// thousands of small files). Shared by the run's writers; one lock per call.
final class OutputDirectories: Sendable {
    private let known = Mutex(Set<String>())

    /// `mkdir -p` for the directory holding `path`, unless this run already did it.
    func createParent(of path: String) throws(OutputError) {
        let directory = AtomicFileWriter.directory(of: path)
        if known.withLock({ $0.contains(directory) }) { return }
        try CorpusRunner.createParentDirectories(of: path)
        known.withLock { _ = $0.insert(directory) }
    }

    /// Every directory this run wrote into (or made sure exists for a file), sorted.
    var all: [String] { known.withLock { $0.sorted() } }
}
