import Glibc
import Testing
@testable import Dedup

@Suite struct OutputTreePlannerTests {
    func files(_ tree: TemporaryTree, _ names: [String]) throws -> [CorpusInputFile] {
        for name in names { try tree.write("in/" + name, "x") }
        return InputWalker(filter: GlobFilter(include: ["*.txt"], exclude: []), followSymlinks: false)
            .walk([tree.path("in")]).files
    }

    @Test func mirrorsRelativePathsWithoutGz() throws {
        let tree = try TemporaryTree()
        defer { tree.remove() }
        let inputs = try files(tree, ["a/b.txt", "c.txt.gz"])
        let outputs = try OutputTreePlanner(outputDirectory: tree.path("out/"), replaceExisting: false)
            .plan(inputs, inputDirectories: [tree.path("in")])
        #expect(outputs == [tree.path("out/a/b.txt"), tree.path("out/c.txt")])
    }

    @Test func refusesOutputInsideAnInputDirectory() throws {
        let tree = try TemporaryTree()
        defer { tree.remove() }
        let inputs = try files(tree, ["a.txt"])
        for output in [tree.path("in"), tree.path("in/clean"), tree.path("in/../in/x/y")] {
            #expect(throws: OutputPlanError.insideInputDirectory(output: output, input: tree.path("in"))) {
                try OutputTreePlanner(outputDirectory: output, replaceExisting: true).plan(inputs, inputDirectories: [tree.path("in")])
            }
        }
        try tree.symlink("alias", to: tree.path("in"))
        #expect(throws: OutputPlanError.self) {
            try OutputTreePlanner(outputDirectory: tree.path("alias/out"), replaceExisting: true).plan(inputs, inputDirectories: [tree.path("in")])
        }
    }

    @Test func refusesCollisionsExistingOutputsAndInputs() throws {
        let tree = try TemporaryTree()
        defer { tree.remove() }
        let inputs = try files(tree, ["a.txt", "a.txt.gz"])
        #expect(throws: OutputPlanError.collision(output: tree.path("out/a.txt"), first: tree.path("in/a.txt"), second: tree.path("in/a.txt.gz"))) {
            try OutputTreePlanner(outputDirectory: tree.path("out"), replaceExisting: true).plan(inputs, inputDirectories: [])
        }
        let one = Array(inputs.prefix(1))
        try tree.write("out/a.txt", "old")
        #expect(throws: OutputPlanError.exists(path: tree.path("out/a.txt"))) {
            try OutputTreePlanner(outputDirectory: tree.path("out"), replaceExisting: false).plan(one, inputDirectories: [])
        }
        #expect(try OutputTreePlanner(outputDirectory: tree.path("out"), replaceExisting: true).plan(one, inputDirectories: []).count == 1)
        // A hard link to the input at the output path is the input itself.
        try tree.write("out2/.keep", "")
        #expect(link(tree.path("in/a.txt"), tree.path("out2/a.txt")) == 0)
        #expect(throws: OutputPlanError.overInput(output: tree.path("out2/a.txt"), input: tree.path("in/a.txt"))) {
            try OutputTreePlanner(outputDirectory: tree.path("out2"), replaceExisting: true).plan(one, inputDirectories: [])
        }
    }
}
