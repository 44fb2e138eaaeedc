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

    static func matches(_ patterns: [String], _ relativePath: String) -> Bool {
        let base = relativePath.split(separator: "/").last.map(String.init) ?? relativePath
        return patterns.contains { pattern in
            fnmatch(pattern, relativePath, 0) == 0 || fnmatch(pattern, base, 0) == 0
        }
    }

    /// `name` without a trailing `.gz`.
    public static func strippingGzip(_ name: String) -> String {
        name.hasSuffix(".gz") ? String(name.dropLast(3)) : name
    }
}
