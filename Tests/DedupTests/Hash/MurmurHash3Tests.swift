import Testing
@testable import Dedup

@Suite struct MurmurHash3Tests {
    // Reference values from the canonical C implementation (Python's mmh3.hash64, seed 42).
    @Test(arguments: [
        ("", "f02aa77dfa1b8523d1016610da11cbb9"),
        ("hello", "c4b8b3c960af6f082334b875b0efbc7a"),
        ("The quick brown fox jumps over the lazy dog", "740dcf93fe0bd5d7c4546cf4ec705c8f"),
        ("科技“突围”工程", "7c88b0fe069c41aebb5297ede7e5030f"),
    ])
    func matchesReferenceImplementation(input: String, expected: String) {
        #expect(MurmurHash3.hash128(input.bytes, seed: 42).description == expected)
    }

    @Test func seedChangesTheHash() {
        #expect(MurmurHash3.hash128("x".bytes, seed: 1) != MurmurHash3.hash128("x".bytes, seed: 2))
    }
}
