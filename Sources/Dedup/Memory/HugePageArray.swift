import CICU

/// A growable array of plain values for the index's big tables: once a buffer reaches one huge
/// page (2 MiB) it is an anonymous mapping that asks for transparent huge pages, and it grows
/// with `mremap`, which moves pages instead of copying them.
///
/// Design note. The kept-paragraph index is the one structure that grows with the corpus
/// (~100 MB for 10 MB of Chinese text) and it is read at random: LSH slots, anchor chains,
/// shingle sets. In `Array`s (4 KiB pages) a run took 59 000 page faults for 10 MB of input,
/// ~17 % of its time, every doubling copied the whole table into fresh pages, and the random
/// probes missed the TLB. Debian's THP mode is `madvise`, so memory gets huge pages only if it
/// asks; `HugePageArray` asks. Small buffers stay on the heap (a detector per document with
/// `--scope document` must stay cheap). Without THP it still works, with small pages.
///
/// Value semantics: copy on write, like `Array` (a copy is made on the first mutation of a
/// shared buffer). Elements are `BitwiseCopyable`, so moving and copying are `memcpy`.
struct HugePageArray<Element: BitwiseCopyable & Sendable>: Sendable {
    /// Buffers at least this large are mappings: one huge page.
    static var mappingThreshold: Int { 2 << 20 }

    private var storage: Storage

    init() { storage = Storage(capacity: 0) }

    init(repeating value: Element, count: Int) {
        storage = Storage(capacity: count)
        storage.base?.initialize(repeating: value, count: count)
        storage.count = count
    }

    /// An array of `capacity` elements, `initializer` writing the first `initializedCount`.
    init(
        unsafeUninitializedCapacity capacity: Int,
        initializingWith initializer: (UnsafeMutableBufferPointer<Element>, inout Int) -> Void
    ) {
        storage = Storage(capacity: capacity)
        var initialized = 0
        initializer(UnsafeMutableBufferPointer(start: storage.base, count: capacity), &initialized)
        precondition(initialized <= capacity, "initialized more elements than allocated")
        storage.count = initialized
    }

    var count: Int { storage.count }
    var capacity: Int { storage.capacity }

    /// Bytes held (allocated capacity, rounded to whole huge pages for a mapping).
    var storageBytes: Int { storage.allocatedBytes }

    subscript(index: Int) -> Element {
        get {
            precondition(index >= 0 && index < storage.count, "index out of range")
            return storage.base.unsafelyUnwrapped[index]  // count > 0, so base is allocated
        }
        set {
            precondition(index >= 0 && index < storage.count, "index out of range")
            makeUnique()
            storage.base.unsafelyUnwrapped[index] = newValue  // count > 0, so base is allocated
        }
    }

    /// - Complexity: amortized O(1).
    mutating func append(_ element: Element) {
        makeUnique(minimumCapacity: storage.count + 1)
        (storage.base.unsafelyUnwrapped + storage.count).initialize(to: element)  // capacity > count
        storage.count += 1
    }

    /// - Complexity: amortized O(`elements.count`).
    mutating func append(contentsOf elements: UnsafeBufferPointer<Element>) {
        guard let source = elements.baseAddress, elements.count > 0 else { return }
        makeUnique(minimumCapacity: storage.count + elements.count)
        (storage.base.unsafelyUnwrapped + storage.count).initialize(from: source, count: elements.count)
        storage.count += elements.count
    }

    mutating func append(contentsOf elements: [Element]) {
        elements.withUnsafeBufferPointer { append(contentsOf: $0) }
    }

    func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Element>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: storage.base, count: storage.count))
    }

    mutating func withUnsafeMutableBufferPointer<R>(
        _ body: (UnsafeMutableBufferPointer<Element>) throws -> R
    ) rethrows -> R {
        makeUnique()
        return try body(UnsafeMutableBufferPointer(start: storage.base, count: storage.count))
    }

    /// Makes the buffer unshared and at least `minimumCapacity` large (doubling when it grows).
    private mutating func makeUnique(minimumCapacity: Int = 0) {
        let unique = isKnownUniquelyReferenced(&storage)
        if unique && minimumCapacity <= storage.capacity { return }
        let capacity = minimumCapacity <= storage.capacity
            ? storage.capacity : Swift.max(minimumCapacity, 2 * storage.capacity, 16)
        if unique {
            storage.grow(to: capacity)
        } else {
            storage = storage.copy(capacity: capacity)
        }
    }

    /// The buffer. Unchecked Sendable is safe: it is mutated only through `HugePageArray`'s
    /// mutating members after `makeUnique`, so a shared buffer is never written.
    private final class Storage: @unchecked Sendable {
        var base: UnsafeMutablePointer<Element>?
        var count = 0
        private(set) var capacity: Int
        /// The mapping's length when `base` is a mapping (0: heap memory or nothing).
        private var mappedBytes = 0

        init(capacity: Int) {
            self.capacity = capacity
            guard capacity > 0 else { return }
            (base, mappedBytes) = Self.allocate(capacity)
            if mappedBytes > 0 { self.capacity = mappedBytes / MemoryLayout<Element>.stride }
        }

        deinit { Self.release(base, mappedBytes: mappedBytes) }

        var allocatedBytes: Int { mappedBytes > 0 ? mappedBytes : capacity * MemoryLayout<Element>.stride }

        func copy(capacity: Int) -> Storage {
            let copy = Storage(capacity: capacity)
            if count > 0, let base, let target = copy.base { target.initialize(from: base, count: count) }
            copy.count = count
            return copy
        }

        func grow(to newCapacity: Int) {
            let bytes = Self.roundedBytes(newCapacity)
            if mappedBytes > 0, let base, bytes >= Self.mappingThreshold,
                let moved = dedup_pages_resize(base, mappedBytes, bytes)
            {
                self.base = moved.assumingMemoryBound(to: Element.self)
                mappedBytes = bytes
                capacity = bytes / MemoryLayout<Element>.stride
                return
            }
            let (newBase, newMapped) = Self.allocate(newCapacity)
            if count > 0, let base, let newBase { newBase.initialize(from: base, count: count) }
            Self.release(base, mappedBytes: mappedBytes)
            base = newBase
            mappedBytes = newMapped
            capacity = newMapped > 0 ? newMapped / MemoryLayout<Element>.stride : newCapacity
        }

        private static var mappingThreshold: Int { HugePageArray.mappingThreshold }

        /// Bytes for `capacity` elements; a mapping's are rounded up to whole huge pages.
        private static func roundedBytes(_ capacity: Int) -> Int {
            let bytes = Swift.max(capacity, 1) * MemoryLayout<Element>.stride
            guard bytes >= mappingThreshold else { return bytes }
            return (bytes + mappingThreshold - 1) / mappingThreshold * mappingThreshold
        }

        /// Memory for `capacity` elements: a mapping when large (nil mapping falls back to the
        /// heap, which traps when memory is exhausted like any allocation), else the heap.
        private static func allocate(_ capacity: Int) -> (UnsafeMutablePointer<Element>?, Int) {
            let bytes = roundedBytes(capacity)
            if bytes >= mappingThreshold, let pages = dedup_pages_allocate(bytes) {
                return (pages.assumingMemoryBound(to: Element.self), bytes)
            }
            return (UnsafeMutablePointer<Element>.allocate(capacity: Swift.max(capacity, 1)), 0)
        }

        private static func release(_ base: UnsafeMutablePointer<Element>?, mappedBytes: Int) {
            guard let base else { return }
            if mappedBytes > 0 { dedup_pages_free(base, mappedBytes) } else { base.deallocate() }
        }
    }
}
