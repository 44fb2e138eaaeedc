import Synchronization

/// The output directories a corpus run has made sure exist, so each is checked or created once
/// per run instead of once per output file (a `stat` per file is measurable on a tree of
/// thousands of small files). Shared by the run's writers; one lock per call.
final class OutputDirectories: Sendable {
    private let known = Mutex(Set<String>())
    /// When the outputs go into a staging tree: directories are created only while this
    /// registry is open, so none reappears after an interruption removed the tree.
    private let staging: TemporaryFileRegistry?

    init(staging: TemporaryFileRegistry? = nil) {
        self.staging = staging
    }

    /// `mkdir -p` for the directory holding `path`, unless this run already did it.
    func createParent(of path: String) throws(OutputError) {
        let directory = AtomicFileWriter.directory(of: path)
        if known.withLock({ $0.contains(directory) }) { return }
        if let staging {
            try staging.whileOpen({ () throws(OutputError) in try CorpusRunner.createParentDirectories(of: path) },
                                  closed: { .writeFailed(path: path, message: "the run was interrupted") })
        } else {
            try CorpusRunner.createParentDirectories(of: path)
        }
        known.withLock { _ = $0.insert(directory) }
    }

    /// Every directory this run wrote into (or made sure exists for a file), sorted.
    var all: [String] { known.withLock { $0.sorted() } }
}
