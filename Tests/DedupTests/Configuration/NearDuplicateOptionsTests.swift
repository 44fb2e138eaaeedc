import Foundation
import Testing
@testable import Dedup

/// The LSH parameters are stored (derived once) rather than computed on every use: they must still
/// follow every change of threshold or signature length, and a decoded configuration must derive
/// them again.
@Suite struct NearDuplicateOptionsTests {
    @Test func lshParametersFollowThresholdAndPermutations() {
        var options = DedupConfiguration.default.near
        #expect(options.permutations == 64)
        #expect(options.lshParameters == LSHParameters.optimal(threshold: 0.8, permutations: 64))
        #expect(options.lshParameters == LSHParameters(bands: 10, rows: 6))
        options.threshold = 0.5
        #expect(options.lshParameters == LSHParameters.optimal(threshold: 0.5, permutations: 64))
        options.permutations = 128
        #expect(options.lshParameters == LSHParameters.optimal(threshold: 0.5, permutations: 128))
    }

    @Test func decodingDerivesTheParametersAndTheEncodedFormLeavesThemOut() throws {
        var options = DedupConfiguration.default.near
        options.threshold = 0.6
        options.containment = nil
        let data = try JSONEncoder().encode(options)
        let json = String(decoding: data, as: UTF8.self)
        #expect(!json.contains("lsh"))
        #expect(!json.contains("containment"))
        let decoded = try JSONDecoder().decode(NearDuplicateOptions.self, from: data)
        #expect(decoded == options)
        #expect(decoded.lshParameters == LSHParameters.optimal(threshold: 0.6, permutations: 64))
    }
}
