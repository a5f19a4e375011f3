import ChorusFetch
import ChorusTestSupport
import Foundation
import Testing

/// libcurl is opened on first use, not linked: commands that never fetch do not load it (the
/// dynamic loader's own trace, `LD_DEBUG=files`, shows what each process loads), commands
/// that fetch do, and a libcurl that cannot be loaded is one clear line and exit 70, not a crash.
@Suite("Loading libcurl on first use")
struct LibcurlLoadingTests {
    static let site = RepoPaths.root.appendingPathComponent("Tests/ChorusFetchTests/Fixtures/site")

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func chorus(_ args: [String], environment: [String: String]) throws -> Run {
        let folder = try RepoPaths.temporaryDirectory("chorus-libcurl")
        let out = folder.appendingPathComponent("out"), err = folder.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = Process()
        process.executableURL = RepoPaths.chorusBinary
        process.arguments = args
        // The child's loader trace must reach stderr, and its libcurl be the default one.
        var inherited = ProcessInfo.processInfo.environment
        for name in ["LD_DEBUG", "LD_DEBUG_OUTPUT", "CHORUS_LIBCURL"] { inherited[name] = nil }
        process.environment = inherited.merging(environment) { $1 }
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, stdout: try String(contentsOf: out, encoding: .utf8),
            stderr: try String(contentsOf: err, encoding: .utf8))
    }

    @Test func parsingNeverLoadsLibcurl() throws {
        let feed = RepoPaths.root.appendingPathComponent("Samples/reuters-zte.rss").path
        let run = try Self.chorus(["parse", feed], environment: ["LD_DEBUG": "files"])
        #expect(run.status == 0)
        #expect(!run.stdout.isEmpty)
        #expect(run.stderr.contains("file=libxml2.so"), "the trace lists loaded libraries: \(run.stderr.prefix(500))")
        #expect(!run.stderr.contains("libcurl"), "\(run.stderr.prefix(2000))")
    }

    @Test func fetchingLoadsLibcurlAndWorks() throws {
        let nginx = try NginxServer(root: Self.site)
        defer { nginx.stop() }
        let run = try Self.chorus(["fetch", "\(nginx.baseURL)/feed.xml"], environment: ["LD_DEBUG": "files"])
        #expect(run.status == 0, "\(run.stderr.suffix(500))")
        #expect(run.stdout.contains("\"status\":200"), "\(run.stdout)")
        #expect(run.stderr.contains("file=libcurl.so.4"), "\(run.stderr.prefix(2000))")
    }

    @Test func aLibcurlThatCannotBeLoadedIsOneClearLineAndExit70() throws {
        let run = try Self.chorus(["fetch", "http://127.0.0.1:9/feed.xml"], environment: ["CHORUS_LIBCURL": "/nonexistent/libcurl.so.4"])
        #expect(run.status == 70)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.hasPrefix("fetch: cannot load libcurl: /nonexistent/libcurl.so.4: cannot open shared object file"), "\(run.stderr)")
        #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
    }

    @Test func aLibraryWithoutTheFunctionsIsNamedInTheError() throws {
        // libz is a real shared library, but not libcurl: the first missing function is named.
        let run = try Self.chorus(["fetch", "http://127.0.0.1:9/feed.xml"], environment: ["CHORUS_LIBCURL": "libz.so.1"])
        #expect(run.status == 70)
        #expect(run.stderr == "fetch: cannot load libcurl: curl_global_init is missing from libz.so.1\n", "\(run.stderr)")
    }

    @Test func thisProcessLoadsLibcurl() {
        #expect(CurlFetcher.libraryProblem == nil)
    }
}
