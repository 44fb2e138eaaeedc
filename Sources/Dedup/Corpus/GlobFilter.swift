import Glibc

/// Include and exclude globs (`fnmatch(3)` syntax: `*`, `?`, `[...]`). A pattern matches a file
/// when it matches its path relative to the input directory or its bare name; `*` also matches
/// `/`, so `*.txt` matches `a/b/c.txt` and `drafts/*` matches everything under `drafts`.
/// A trailing `.gz` is ignored when matching, so `*.txt` also takes `page.txt.gz`.
public struct GlobFilter: Sendable, Equatable {
    public var include: [String]
    public var exclude: [String]

    public init(include: [String], exclude: [String]) {
        self.include = include
        self.exclude = exclude
    }

    /// True when a file at `relativePath` is taken: some include pattern matches, no exclude does.
    public func includesFile(_ relativePath: String) -> Bool {
        let name = Self.strippingGzip(relativePath)
        return Self.matches(include, name) && !Self.matches(exclude, name)
    }

    /// True when a directory at `relativePath` is pruned by an exclude pattern.
    public func excludesDirectory(_ relativePath: String) -> Bool {
        Self.matches(exclude, relativePath)
    }

    /// Runs once per walked file, so it works on the path's bytes: splitting the path into
    /// `Substring`s and comparing `Character`s was 40 % of walking a directory of 2,362 files.
    static func matches(_ patterns: [String], _ relativePath: String) -> Bool {
        if patterns.isEmpty { return false }
        return relativePath.withCString { path in
            // The bare name: what follows the last '/' (the whole path when there is none).
            let base = strrchr(path, Int32(UInt8(ascii: "/"))).map { UnsafePointer($0 + 1) } ?? path
            return patterns.contains { pattern in
                fnmatch(pattern, path, 0) == 0 || (base != path && fnmatch(pattern, base, 0) == 0)
            }
        }
    }

    /// `name` without a trailing `.gz`.
    public static func strippingGzip(_ name: String) -> String {
        let bytes = name.utf8
        guard bytes.count >= 3, bytes.suffix(3).elementsEqual(".gz".utf8) else { return name }
        return String(decoding: bytes.dropLast(3), as: UTF8.self)
    }
}
