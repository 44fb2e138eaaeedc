extension CleaningPipeline {
    /// Reads a file's raw bytes under the configuration's `InputHandling` (encoding detection or
    /// the forced encoding, binary files, `--strict`) and cleans them.
    /// - Parameter path: the file's name, for error messages.
    /// - Throws: `InputDecodingError` naming `path`; nothing is recorded for a file that fails.
    /// - Complexity: O(n) in the input size.
    public mutating func cleanInput(_ raw: [UInt8], id: DocumentID, path: String) throws(InputDecodingError) -> CleanedDocument {
        let decoded = try InputDecoder(options: configuration.input).decode(raw, path: path)
        return clean(decoded, id: id)
    }
}
