import Glibc

/// Why a set of outputs cannot be written as asked. Found before anything is read or written.
public enum OutputPlanError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The output directory is an input directory or lies inside one (outputs would be read back
    /// as inputs on the next run, or overwrite them).
    case insideInputDirectory(output: String, input: String)
    /// An output would replace an input file.
    case overInput(output: String, input: String)
    /// Two inputs map to the same output path.
    case collision(output: String, first: String, second: String)
    /// An output exists and `--force` was not given.
    case exists(path: String)

    public var description: String {
        switch self {
        case .insideInputDirectory(let output, let input):
            "\(output): refusing to write output inside the input directory \(input)"
        case .overInput(let output, let input): "\(output): refusing to write output over the input file \(input)"
        case .collision(let output, let first, let second):
            "\(output): both \(first) and \(second) would be written here"
        case .exists(let path): "\(path): output exists; use --force to replace it"
        }
    }
}

/// Maps each input of a corpus run to its output path under one output directory, mirroring
/// relative paths (`DIR/<relative path without .gz>`), and checks the plan is safe: no output
/// inside an input directory, over an input file, twice at one path, or over an existing file
/// without `replaceExisting`.
public struct OutputTreePlanner: Sendable {
    public var outputDirectory: String
    public var replaceExisting: Bool

    public init(outputDirectory: String, replaceExisting: Bool) {
        self.outputDirectory = outputDirectory
        self.replaceExisting = replaceExisting
    }

    /// What every output path starts with, followed by `/`: the output directory less one
    /// trailing slash.
    public var root: String {
        outputDirectory.count > 1 && outputDirectory.hasSuffix("/") ? String(outputDirectory.dropLast()) : outputDirectory
    }

    /// The output path of each file, in order.
    /// - Parameter inputDirectories: the directories given as inputs.
    /// - Throws: `OutputPlanError` for the first problem found.
    /// - Complexity: O(n) system calls for n files (O(1) when the output directory is new).
    public func plan(_ files: [CorpusInputFile], inputDirectories: [String]) throws(OutputPlanError) -> [String] {
        let root = root
        let canonicalRoot = Self.canonicalPath(root)
        for input in inputDirectories {
            let canonicalInput = Self.canonicalPath(input)
            if canonicalRoot == canonicalInput || canonicalRoot.hasPrefix(canonicalInput == "/" ? "/" : canonicalInput + "/") {
                throw .insideInputDirectory(output: outputDirectory, input: input)
            }
        }
        var claimed: [String: String] = [:]
        var outputs: [String] = []
        outputs.reserveCapacity(files.count)
        for file in files {
            let output = root + "/" + GlobFilter.strippingGzip(file.relativePath)
            if let first = claimed[output] {
                throw .collision(output: output, first: first, second: file.displayPath)
            }
            claimed[output] = file.displayPath
            outputs.append(output)
        }
        // Existing outputs: never an input file (same device and inode), else only with --force.
        // Under an output directory that does not exist yet, nothing exists: skip the `stat` per
        // output (a file appearing later is still refused when it is renamed into place).
        if FileIdentity(path: root) == nil { return outputs }
        var inputIdentities: [FileIdentity: String] = [:]
        for file in files {
            if case .path(let input) = file.location, let identity = file.identity { inputIdentities[identity] = input }
        }
        for output in outputs {
            guard let identity = FileIdentity(path: output) else { continue }
            if let input = inputIdentities[identity] { throw .overInput(output: output, input: input) }
            if !replaceExisting { throw .exists(path: output) }
        }
        return outputs
    }

    /// `path` made absolute with symbolic links resolved; a part that does not exist yet is
    /// appended to its nearest existing ancestor as written.
    public static func canonicalPath(_ path: String) -> String {
        var existing = path.isEmpty ? "." : path
        var missing: [Substring] = []
        while true {
            if let resolved = realpath(existing, nil) {
                defer { free(resolved) }
                var result = String(cString: resolved)
                for part in missing.reversed() where part != "." {
                    result += (result.hasSuffix("/") ? "" : "/") + part
                }
                return result
            }
            guard let slash = existing.lastIndex(of: "/") else {
                missing.append(Substring(existing))
                existing = "."
                continue
            }
            missing.append(existing[existing.index(after: slash)...])
            existing = slash == existing.startIndex ? "/" : String(existing[..<slash])
        }
    }
}
