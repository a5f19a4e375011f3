import ChorusTestSupport
import Foundation
import Testing

/// `chorus parse` end to end: the built binary over Samples/ and bad files.
@Suite("chorus parse command")
struct ParseCommandTests {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func chorus(_ args: [String], stdin: Data? = nil) throws -> Run {
        let process = Process()
        process.executableURL = RepoPaths.chorusBinary
        process.arguments = args
        process.currentDirectoryURL = RepoPaths.root
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try input.fileHandleForWriting.close()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    @Test("Every sample prints its golden NDJSON, in order, with the file stem as source")
    func samples() throws {
        let names = ["reuters-zte.rss", "techwire-zte.atom", "zte-wire.rdf", "zte-notes.json"]
        let run = try ParseCommandTests.chorus(["parse", "--fetched-at", "2018-05-14T10:00:00Z"] + names.map { "Samples/\($0)" })
        #expect(run.status == 0)
        #expect(run.stderr.isEmpty)
        var expected = ""
        for n in names {
            let stem = (n as NSString).deletingPathExtension
            expected += try String(contentsOf: RepoPaths.samples.appendingPathComponent("expected/\(stem).ndjson"), encoding: .utf8)
        }
        #expect(run.stdout == expected)
    }

    @Test("--files-from reads paths one per line, after the FILE arguments; an unreadable list exits 65")
    func filesFrom() throws {
        let dir = try RepoPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let list = dir.appendingPathComponent("list.txt")
        try Data("Samples/zte-wire.rdf\n\nSamples/zte-notes.json\n".utf8).write(to: list)
        let run = try ParseCommandTests.chorus(["parse", "--fetched-at", "2018-05-14T10:00:00Z", "--files-from", list.path, "Samples/reuters-zte.rss"])
        #expect(run.status == 0)
        var expected = ""
        for stem in ["reuters-zte", "zte-wire", "zte-notes"] {
            expected += try String(contentsOf: RepoPaths.samples.appendingPathComponent("expected/\(stem).ndjson"), encoding: .utf8)
        }
        #expect(run.stdout == expected)
        let missing = try ParseCommandTests.chorus(["parse", "--files-from", dir.appendingPathComponent("nope.txt").path])
        #expect(missing.status == 65)
        #expect(missing.stderr.contains("cannot read the file list"))
    }

    @Test("A malformed file gets one stderr line and exit 65; the other files still print")
    func malformedFile() throws {
        let dir = try RepoPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("page.html")
        try Data("<html><body>not a feed</body></html>".utf8).write(to: bad)
        let run = try ParseCommandTests.chorus(["parse", bad.path, "Samples/reuters-zte.rss", dir.appendingPathComponent("missing.xml").path])
        #expect(run.status == 65)
        #expect(run.stdout.split(separator: "\n").count == 4)
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.first == "chorus parse: \(bad.path): not a feed: root element is <html>")
        #expect(lines.last?.hasPrefix("chorus parse: \(dir.appendingPathComponent("missing.xml").path): cannot open") == true)
    }

    @Test("A recovered feed prints its items with a warning and exits 0")
    func recovered() throws {
        let run = try ParseCommandTests.chorus(["parse", "Samples/zte-broken.rss"])
        #expect(run.status == 0)
        #expect(run.stdout.split(separator: "\n").count == 3)
        #expect(run.stderr.hasPrefix("chorus parse: Samples/zte-broken.rss: warning: recovered from malformed XML"))
    }

    @Test("stdin with --source, --base-url and --platform")
    func stdin() throws {
        let feed = Data("<rss><channel><item><link>a/1</link><title>x</title></item></channel></rss>".utf8)
        let run = try ParseCommandTests.chorus(["parse", "--platform", "rss", "--source", "wire", "--base-url", "https://b.example/feed/", "-"], stdin: feed)
        #expect(run.status == 0)
        #expect(run.stdout.contains(#""source":"wire","platform":"rss""#))
        #expect(run.stdout.contains(#""url":"https://b.example/feed/a/1""#))
    }

    @Test("Bad usage exits 64", arguments: [["parse"], ["parse", "--platform", "gopher", "x.xml"], ["parse", "--fetched-at", "soon", "x.xml"]])
    func usage(args: [String]) throws {
        let run = try ParseCommandTests.chorus(args)
        #expect(run.status == 64)
        #expect(run.stdout.isEmpty)
    }

    /// The golden lines of `stem`, with `source` written in place of the sample's own name.
    static func golden(_ stem: String, source: String? = nil) throws -> String {
        let text = try String(contentsOf: RepoPaths.samples.appendingPathComponent("expected/\(stem).ndjson"), encoding: .utf8)
        guard let source else { return text }
        return text.replacingOccurrences(of: #""source":"\#(stem)""#, with: #""source":"\#(source)""#)
    }

    @Test("A long FILE list prints every file in argument order, bad files reported in place",
          arguments: [[String](), ["--source", "many"], ["--verbose"]])
    func longFileList(options: [String]) throws {
        let dir = try RepoPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("page.html")
        try Data("<html><body>not a feed</body></html>".utf8).write(to: bad)
        let stems = ["zte-wire", "zte-notes", "reuters-zte", "techwire-zte"]
        let extensions = ["zte-wire": "rdf", "zte-notes": "json", "reuters-zte": "rss", "techwire-zte": "atom"]
        // Well past ParseCommandOperands.threshold, with an unusable file in the middle.
        var files: [String] = []
        var expected = ""
        let source = options.first == "--source" ? options.last : nil
        for n in 0..<90 {
            if n == 45 { files.append(bad.path) }
            let stem = stems[n % stems.count]
            files.append("Samples/\(stem).\(extensions[stem] ?? "")")
            expected += try ParseCommandTests.golden(stem, source: source)
        }
        let run = try ParseCommandTests.chorus(["parse", "--fetched-at", "2018-05-14T10:00:00Z"] + options + files)
        #expect(run.status == 65)
        #expect(run.stdout == expected)
        let errors = run.stderr.split(separator: "\n").filter { !$0.contains(" info ") }
        #expect(errors == ["chorus parse: \(bad.path): not a feed: root element is <html>"])
    }

    @Test("A named pipe among the files is streamed in its place, its writer's data intact")
    func namedPipeAmongFiles() throws {
        let dir = try RepoPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // More than a pipe buffer (64 KiB): the writer blocks until its reader reads, so a reader
        // that opened the pipe ahead of its turn and closed it unread kills it with SIGPIPE.
        var rss = #"<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Big</title><link>https://big.example/</link>"#
        for n in 0..<1_500 {
            rss += "<item><title>ZTE item \(n)</title><link>https://big.example/\(n)</link><description>Almost there, says post \(n).</description></item>"
        }
        rss += "</channel></rss>"
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("regular"), withIntermediateDirectories: true)
        let regular = dir.appendingPathComponent("regular/zte-big.rss")
        try Data(rss.utf8).write(to: regular)
        let fifo = dir.appendingPathComponent("zte-big.rss")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        let writer = Process()
        writer.executableURL = URL(fileURLWithPath: "/bin/sh")
        writer.arguments = ["-c", "cat '\(regular.path)' > '\(fifo.path)'"]
        try writer.run()
        let out = dir.appendingPathComponent("out"), err = dir.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = Process()
        process.executableURL = RepoPaths.chorusBinary
        process.arguments = ["parse", "--fetched-at", "2018-05-14T10:00:00Z", "Samples/reuters-zte.rss", fifo.path, "Samples/zte-notes.json"]
        process.currentDirectoryURL = RepoPaths.root
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        while process.isRunning || writer.isRunning {
            if Date() > deadline {
                process.terminate()
                writer.terminate()
                Issue.record("chorus parse or the pipe's writer hung")
                return
            }
            usleep(10_000)
        }
        #expect(process.terminationStatus == 0, "\((try? String(contentsOf: err, encoding: .utf8)) ?? "")")
        #expect(writer.terminationStatus == 0, "the writer lost its reader")
        let big = try Self.chorus(["parse", "--fetched-at", "2018-05-14T10:00:00Z", regular.path])
        #expect(big.stdout.split(separator: "\n").count == 1_500)
        let expected = try Self.golden("reuters-zte") + big.stdout + Self.golden("zte-notes")
        #expect(try String(contentsOf: out, encoding: .utf8) == expected)
    }
}
