import CICU
import Glibc
import Synchronization

/// The temporary files a run has open, so an interruption can remove them before the process
/// exits. Shared by the writers of one run and its signal handler; every operation holds one lock,
/// so a file is never created, renamed or removed half-way through another's operation.
///
/// After `removeAllAndClose()` the registry refuses new files and renames: once an interrupted run
/// starts cleaning up, nothing new can appear under an output name.
public final class TemporaryFileRegistry: Sendable {
    private struct State {
        var paths: Set<String> = []
        /// Staging directories: output trees written under a temporary name (see
        /// `makeStagingTree`).
        var trees: Set<String> = []
        /// The directories above a staging tree that were made for it, outermost first: removed
        /// with the tree when they are left empty (an interrupted `-o a/b/out` leaves no `a/b`).
        var treeParents: [String: [String]] = [:]
        var closed = false
        /// Advances with every name tried; mixed with `salt` into the name's last six characters.
        var counter: UInt64 = 0
    }

    private let state = Mutex(State())
    /// Random per registry, so two runs writing into one directory try different names.
    private let salt: UInt64

    public init() {
        salt = UInt64.random(in: .min ... .max)
    }

    /// A registry that tries the names of `salt` (tests: two registries with one salt collide).
    init(salt: UInt64) {
        self.salt = salt
    }

    /// Creates a new file from `template` (ending in `XXXXXX`, as for `mkstemp`), open for reading
    /// and writing with permissions `mode` less the process's umask, and registers it.
    ///
    /// Why not `mkstemp`: it creates the file 0600, and every output then needed an `fchmod` —
    /// one system call of five per written file of a tree. Like `mkstemp`, the name is new
    /// (`O_EXCL`: never an existing file, never through a symbolic link); a name taken by
    /// another file is skipped for the next one.
    /// - Returns: the open descriptor and the path, or nil with `errno` set (`ECANCELED` once closed).
    public func create(template: String, mode: mode_t = 0o600) -> (descriptor: Int32, path: String)? {
        var stem = Array(template.utf8)
        guard stem.count >= 6, stem.suffix(6).allSatisfy({ $0 == UInt8(ascii: "X") }) else {
            errno = EINVAL
            return nil
        }
        stem.removeLast(6)
        return state.withLock { state -> (Int32, String)? in
            guard !state.closed else {
                errno = ECANCELED
                return nil
            }
            var fd: Int32 = -1
            guard let path = firstFreeName(stem, &state, creating: { path in
                fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, mode)
                return fd >= 0
            }) else { return nil }
            state.paths.insert(path)
            return (fd, path)
        }
    }

    /// Tries `stem` followed by six characters from the salt and counter until `creating` makes
    /// one (it fails with EEXIST for a name taken, which is skipped).
    /// - Returns: the name made, or nil with `errno` set (EEXIST after 100 names taken: the
    ///   names are 36⁶ ≈ 2.2 G, so something else is wrong).
    private func firstFreeName(_ stem: [UInt8], _ state: inout State, creating: (String) -> Bool) -> String? {
        for _ in 0..<100 {
            state.counter &+= 1
            var name = stem
            name.append(contentsOf: Self.suffix(Self.mix(salt &+ state.counter)))
            let path = String(decoding: name, as: UTF8.self)
            if creating(path) { return path }
            if errno != EEXIST { return nil }
        }
        errno = EEXIST
        return nil
    }

    /// Six characters of [0-9a-z] from `value`.
    private static func suffix(_ value: UInt64) -> [UInt8] {
        let digits = Array("0123456789abcdefghijklmnopqrstuvwxyz".utf8)
        var value = value
        var out = [UInt8](repeating: 0, count: 6)
        for i in 0..<6 {
            out[i] = digits[Int(value % 36)]
            value /= 36
        }
        return out
    }

    /// SplitMix64's finalizer: consecutive counters give unrelated names.
    private static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Renames a registered temporary file to `destination` and forgets it.
    /// - Parameter replace: when false, an existing `destination` is an error (`EEXIST`), checked
    ///   atomically with the rename where the file system supports it (`renameat2`), else just
    ///   before it.
    /// - Returns: 0, or -1 with `errno` set (`ECANCELED` once closed).
    public func commit(_ temporary: String, to destination: String, replace: Bool = true) -> Int32 {
        state.withLock { state in
            guard !state.closed else {
                errno = ECANCELED
                return -1
            }
            let result = replace ? rename(temporary, destination) : Self.renameNoReplace(temporary, destination)
            if result == 0 { state.paths.remove(temporary) }
            return result
        }
    }

    private static func renameNoReplace(_ from: String, _ to: String) -> Int32 {
        let result = dedup_rename_noreplace(from, to)
        guard result != 0, errno == EINVAL || errno == ENOSYS else { return result }
        var info = stat()
        if lstat(to, &info) == 0 {
            errno = EEXIST
            return -1
        }
        return rename(from, to)
    }

    /// Creates and registers a staging tree for `destination`, beside it: the new, empty
    /// directory `.NAME.dedup-tmp-XXXXXX` (never one that existed: a name taken is skipped),
    /// after creating the directories above it that are missing. A staging tree is an output
    /// tree written under a temporary name and renamed into place whole (`commitTree`), removed
    /// with everything in it if the run is interrupted first, and with the directories made
    /// above it for it that are then empty.
    /// - Throws: `OutputError` naming `destination` when the directory cannot be created (or
    ///   the registry is closed).
    public func makeStagingTree(for destination: String) throws(OutputError) -> String {
        let directory = AtomicFileWriter.directory(of: destination)
        let base = AtomicFileWriter.baseName(of: destination)
        let cannotCreate = { (code: Int32) -> OutputError in
            .writeFailed(path: destination, message: "cannot create a staging directory beside it: \(String(cString: strerror(code)))")
        }
        let made = state.withLock { state -> Result<String, OutputError> in
            if state.closed { return .failure(cannotCreate(ECANCELED)) }
            // Under the lock, so an interruption either finds nothing made or the tree registered
            // with the directories made for it.
            var parents: [String] = []
            do throws(OutputError) {
                try CorpusRunner.createParentDirectories(of: destination, created: &parents)
            } catch {
                Self.removeIfEmpty(parents)
                return .failure(error)
            }
            guard let name = firstFreeName(Array("\(directory)/.\(base).dedup-tmp-".utf8), &state, creating: { mkdir($0, 0o755) == 0 }) else {
                let failure = errno
                Self.removeIfEmpty(parents)
                return .failure(cannotCreate(failure))
            }
            state.trees.insert(name)
            if !parents.isEmpty { state.treeParents[name] = parents }
            return .success(name)
        }
        return try made.get()
    }

    /// Removes `directories` (outermost first) from the innermost out while they are empty.
    private static func removeIfEmpty(_ directories: [String]) {
        for directory in directories.reversed() where rmdir(directory) != 0 { return }
    }

    /// Creates the new file `path` (never an existing one, never through a symbolic link),
    /// open for writing with permissions `mode` less the umask, for a file inside a staging tree.
    /// - Returns: the descriptor, or -1 with `errno` set (`ECANCELED` once closed).
    public func createFile(_ path: String, mode: mode_t) -> Int32 {
        state.withLock { state in
            guard !state.closed else {
                errno = ECANCELED
                return -1
            }
            return open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        }
    }

    /// Runs `body` unless the registry is closed (then it throws `ECANCELED` as `body` would
    /// report it): what creates directories of a staging tree runs here, so none reappears
    /// after an interruption removed the tree.
    public func whileOpen<E: Error>(_ body: () throws(E) -> Void, closed: () -> E) throws(E) {
        let result: E? = state.withLock { state -> E? in
            guard !state.closed else { return closed() }
            do throws(E) {
                try body()
                return nil
            } catch {
                return error
            }
        }
        if let result { throw result }
    }

    /// Renames the staging tree `directory` to `destination`, which must not exist, and forgets
    /// it. Refused once the registry is closed (the tree is then removed with the rest). When
    /// the rename fails, the tree is forgotten too: it is complete, and the caller says where it
    /// was left, so an interruption after that must not remove it.
    /// - Returns: 0, or -1 with `errno` set (`EEXIST` or `ENOTEMPTY` when `destination` exists,
    ///   `ECANCELED` once closed).
    public func commitTree(_ directory: String, to destination: String) -> Int32 {
        state.withLock { state in
            guard !state.closed else {
                errno = ECANCELED
                return -1
            }
            let result = Self.renameNoReplace(directory, destination)
            let failure = errno
            state.trees.remove(directory)
            // Put in place, the directories above it hold the output; left in place, the tree.
            state.treeParents.removeValue(forKey: directory)
            errno = failure
            return result
        }
    }

    /// Removes a registered temporary file (after a failed write) and forgets it.
    public func discard(_ temporary: String) {
        state.withLock { state in
            unlink(temporary)
            state.paths.remove(temporary)
        }
    }

    /// Removes every registered file and staging tree (with the directories made above a tree
    /// for it, when empty) and refuses further ones. For the interruption handler.
    /// - Returns: how many files were removed (those inside staging trees included).
    @discardableResult
    public func removeAllAndClose() -> Int {
        state.withLock { state in
            state.closed = true
            var count = state.paths.count
            for path in state.paths { unlink(path) }
            state.paths.removeAll()
            for tree in state.trees {
                count += max(0, Int(dedup_remove_tree(tree)))
                Self.removeIfEmpty(state.treeParents[tree] ?? [])
            }
            state.trees.removeAll()
            state.treeParents.removeAll()
            return count
        }
    }

    /// Removes a staging tree that will not be committed (the run stopped before it ended), and
    /// the directories made above it for it that are then empty, and forgets it. Only a
    /// registered tree: one committed, or left in place by a failed commit, is not touched.
    public func discardTree(_ directory: String) {
        state.withLock { state in
            guard state.trees.remove(directory) != nil else { return }
            _ = dedup_remove_tree(directory)
            Self.removeIfEmpty(state.treeParents.removeValue(forKey: directory) ?? [])
        }
    }

    /// The registered staging trees, for tests.
    public var registeredTrees: Set<String> {
        state.withLock { $0.trees }
    }

    /// The registered paths, for tests.
    public var registeredPaths: Set<String> {
        state.withLock { $0.paths }
    }
}
