extension DuplicateDetector {
    /// Paragraphs kept so far, and the bytes their index holds (allocated capacity of its arrays
    /// and tables): what detection state costs per kept paragraph.
    public var indexFootprint: (keptParagraphs: Int, bytes: Int) {
        (kept.count, kept.storageBytes)
    }
}
