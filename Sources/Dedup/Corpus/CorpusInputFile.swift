/// One input a corpus run reads: a file found by `InputWalker`, or standard input.
public struct CorpusInputFile: Sendable, Equatable {
    public enum Location: Sendable, Equatable {
        case path(String)
        case standardInput
        /// Standard input already read into memory, for runs that read their input twice
        /// (`--keep longest|none`): a pipe can only be read once.
        case bufferedStandardInput([UInt8])
    }

    public var location: Location
    /// The path relative to its input directory, or the file's own name for a file given by
    /// itself. Output trees mirror it (without a trailing `.gz`).
    public var relativePath: String
    /// The report's name for the document: the relative path for a file found in a directory,
    /// the path as given for a file named on the command line, `-` for standard input.
    public var documentName: String
    /// Size in bytes when the walk saw it (0 for standard input); used for batching and progress.
    public var byteSize: Int
    /// Device and inode when the walk saw it (nil for standard input), so outputs can be checked
    /// against inputs without another `stat` per input.
    public var identity: FileIdentity?
    /// For a large JSONL file read in parts: the bytes whose lines this part owns (the lines that
    /// start inside it). Nil for a whole file.
    public var byteRange: Range<Int>?
    /// False for every part of a file but its first.
    public var isFirstPart = true
    /// False for every part of a file but its last.
    public var isLastPart = true
    /// For a text file read in parts: the encoding decided from the file's start, which every
    /// part is read in (`TextPartPlanner`). Its parts are paragraphs of one document.
    public var partEncoding: String?
    /// Why that encoding (reported for the file as if it had been read whole).
    public var partEncodingBasis: EncodingBasis?

    /// This input with standard input read into memory (other inputs unchanged), so it can be
    /// read more than once.
    /// - Throws: `InputError` when standard input cannot be read.
    public func bufferingStandardInput() throws(InputError) -> CorpusInputFile {
        guard location == .standardInput else { return self }
        var copy = self
        let bytes = try FileReader().readStandardInput()
        copy.location = .bufferedStandardInput(bytes)
        copy.byteSize = bytes.count
        return copy
    }

    /// True when this is one of several parts of a file.
    public var isPart: Bool { !(isFirstPart && isLastPart) }

    /// True for a part of a text file: the parts are consecutive paragraphs of one document
    /// (JSONL parts hold whole records, each its own document).
    public var isTextPart: Bool { isPart && partEncoding != nil }

    public init(location: Location, relativePath: String, documentName: String, byteSize: Int, identity: FileIdentity? = nil) {
        self.location = location
        self.relativePath = relativePath
        self.documentName = documentName
        self.byteSize = byteSize
        self.identity = identity
    }

    /// The path to open, or `-` for standard input (for messages).
    public var displayPath: String {
        switch location {
        case .path(let path): path
        case .standardInput, .bufferedStandardInput: "-"
        }
    }
}
