import ChorusTestSupport
import Foundation
import Testing

/// Every input a fuzzer ever crashed (Fuzz/regressions/<target>/), replayed through the fuzz
/// targets' own code (the `chorus-fuzz` replay driver of a normal build), plus a short fixed
/// run of the deterministic mutation driver over the shipped samples.
@Suite("Fuzz regressions", .serialized)
struct FuzzRegressionTests {
    static let targets = ["xml", "jsonfeed", "mastodon", "bluesky", "reddit", "hackernews", "x", "json", "html", "config", "rules", "lexicon", "score"]

    func replay(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = RepoPaths.chorusBinary.deletingLastPathComponent().appendingPathComponent("chorus-fuzz")
        process.arguments = arguments
        process.currentDirectoryURL = RepoPaths.root
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test(arguments: targets)
    func regressionInputsAndAShortMutationRunDoNotCrash(target: String) throws {
        let regressions = RepoPaths.root.appendingPathComponent("Fuzz/regressions/\(target)").path
        let seeds = target == "xml" || target == "html" ? ["Samples/reuters-zte.rss", "Samples/zte-broken.rss"]
            : target == "config" ? ["Config"] : target == "rules" || target == "lexicon" ? ["Config/sentiment"]
            : target == "score" ? ["Tests/ChorusSentimentTests/Fixtures/plain.txt"] : ["Samples/social"]
        let run = try replay([target, "--mutate", "300", "--seed", "12"] + seeds + [regressions])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.output.contains("no crash"))
    }
}
