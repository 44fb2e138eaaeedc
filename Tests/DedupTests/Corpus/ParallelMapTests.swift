import Testing
@testable import Dedup

@Suite struct ParallelMapTests {
    /// Results come back in index order, every index once, and each worker's state carries over
    /// from one call to the next.
    @Test(arguments: [1, 2, 3])
    func workerStatesCarryOverBetweenCalls(workers: Int) {
        var states = Array(repeating: 0, count: workers)  // indices handled by each worker so far
        for round in 0..<3 {
            let results = ParallelMap.map(count: 500, states: &states) { handled, index -> Int in
                handled += 1
                return index * 2
            }
            #expect(results == (0..<500).map { $0 * 2 })
            #expect(states.reduce(0, +) == 500 * (round + 1))
        }
    }
}
