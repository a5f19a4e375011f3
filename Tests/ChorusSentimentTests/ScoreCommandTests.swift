import ChorusOutput
import ChorusSentiment
import ChorusTestSupport
import Foundation
import Testing

/// `chorus score` end to end: the built binary, run from an unrelated directory.
@Suite struct ScoreCommandTests {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs the built `chorus` with `arguments`, in `/`, without CHORUS_SHARE.
    func chorus(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:]) throws -> Run {
        let p = Process()
        p.executableURL = RepoPaths.chorusBinary
        p.arguments = arguments
        p.currentDirectoryURL = URL(fileURLWithPath: "/")
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "CHORUS_SHARE")
        for (k, v) in environment { env[k] = v }
        p.environment = env
        let out = Pipe(), err = Pipe(), input = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = input
        try p.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Run(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    @Test func defaultsLoadFromAnUnrelatedDirectory() throws {
        let r = try chorus(["score", "Almost there"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("\"rules\":[\"almost-there\"]"))
        #expect(r.stdout.contains("\"tags\":[\"anticipation\"]"))
    }

    @Test func stdinLinesGiveOneObjectEachInOrderWithTheItemSentimentBytes() throws {
        let texts = ["Wow! Breaking good news!", "", "Not again", "好消息", "plain \"quoted\" text\twith tab", "Almost there",
                     "これは本当に素晴らしいニュースです", "Quelle déception", "¡Por fin!"]
        let r = try chorus(["score"], stdin: texts.joined(separator: "\n") + "\r\n")
        #expect(r.status == 0, "\(r.stderr)")
        expectItemLines(r.stdout, for: texts)
    }

    /// The line check reads a line's last one to seven bytes as its last eight (when those are
    /// ASCII): a quote, backslash, control byte or non-ASCII letter at any place of the tail,
    /// on lines of 8 to 20 bytes, still gives the item's bytes.
    /// Each line of `stdout` is `{"text":…,"sentiment":…}` with the bytes the item writer gives
    /// the text's score under the shipped rules, one line a text, in order.
    private func expectItemLines(_ stdout: String, for texts: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        let lines = stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == texts.count, sourceLocation: sourceLocation)
        for (text, line) in zip(texts, lines) {
            var w = JSONWriter()
            w.raw(UInt8(ascii: "{"))
            w.key("text", first: true); w.string(text)
            w.key("sentiment"); ItemEncoder.appendSentiment(TestFixtures.shipped.score(text), to: &w)
            w.raw(UInt8(ascii: "}"))
            #expect(String(decoding: w.bytes, as: UTF8.self) == String(line), sourceLocation: sourceLocation)
        }
    }

    @Test func aCharacterToEscapeOrNotASCIIAnywhereInTheLastEightBytes() throws {
        var texts: [String] = []
        for length in 8...20 {
            for place in max(0, length - 9)..<length {
                for special in ["\"", "\\", "\t", "\u{01}", "é", "😂"] {
                    var chars = Array(String(repeating: "good day", count: 3).prefix(length)).map(String.init)
                    chars[place] = special
                    texts.append(chars.joined())
                }
            }
        }
        let r = try chorus(["score"], stdin: texts.joined(separator: "\n") + "\n")
        #expect(r.status == 0, "\(r.stderr)")
        expectItemLines(r.stdout, for: texts)
    }

    /// A bare `chorus score` runs without ArgumentParser (`ScoreCommand.runWithDefaults`); with
    /// an option set to its default it goes through the parser. Both give the same bytes, and
    /// the same exit code and message when a shipped lexicon is bad; `--help` still parses.
    @Test func theBareCommandAndTheParsedOneAgree() throws {
        let texts = ["Wow! Breaking good news!", "", "not very good", "好消息", "plain \"quoted\"", "Quelle déception"]
        let stdin = texts.joined(separator: "\n") + "\n"
        let bare = try chorus(["score"], stdin: stdin)
        let parsed = try chorus(["score", "--log-format", "auto"], stdin: stdin)
        #expect(bare.status == 0 && parsed.status == 0, "\(bare.stderr) \(parsed.stderr)")
        #expect(bare.stdout.split(separator: "\n").count == texts.count)
        #expect(bare.stdout == parsed.stdout && bare.stderr == parsed.stderr)

        let dir = try TemporaryFiles.directory()
        try "good\tnot a number\n".write(to: dir.appendingPathComponent("lexicon-en.tsv"), atomically: true, encoding: .utf8)
        for name in ["lexicon-zh.tsv", "rules-en.yaml", "rules-zh.yaml"] {
            try "".write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let badBare = try chorus(["score"], stdin: "good\n", environment: ["CHORUS_SHARE": dir.path])
        let badParsed = try chorus(["score", "--log-format", "auto"], stdin: "good\n", environment: ["CHORUS_SHARE": dir.path])
        #expect(badBare.status == 78 && badParsed.status == 78)
        #expect(badBare.stderr.contains("lexicon-en.tsv:1:") && badBare.stderr == badParsed.stderr)
        #expect(badBare.stdout.isEmpty && badParsed.stdout.isEmpty)

        let help = try chorus(["score", "--help"])
        #expect(help.status == 0 && help.stdout.contains("--explain"))
    }

    @Test func explainPrintsEveryContribution() throws {
        let r = try chorus(["score", "--explain", "not very good!"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("'good'"))
        #expect(r.stdout.contains("booster 'very'"))
        #expect(r.stdout.contains("negated"))
        #expect(r.stdout.contains("= negative"))
        #expect(!r.stdout.hasPrefix("{"))
    }

    @Test func userLexiconAndRulesFromTheCommandLine() throws {
        let r = try chorus(["score", "--lexicon", TestFixtures.url("vader-format.tsv").path, "zte"])
        #expect(r.stdout.contains("\"label\":\"positive\""))
    }

    @Test func aBadLexiconExits78NamingFileAndLine() throws {
        let path = TestFixtures.url("bad-valence.tsv").path
        let r = try chorus(["score", "--lexicon", path, "good"])
        #expect(r.status == 78)
        #expect(r.stderr.contains("sentiment: \(path):3:"))
        #expect(r.stdout.isEmpty)
    }

    @Test func chorusShareOverridesTheSearch() throws {
        let dir = try TemporaryFiles.directory()
        try "good\t-3.0\n".write(to: dir.appendingPathComponent("lexicon-en.tsv"), atomically: true, encoding: .utf8)
        for name in ["lexicon-zh.tsv", "rules-en.yaml", "rules-zh.yaml"] {
            try "".write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let r = try chorus(["score", "good"], environment: ["CHORUS_SHARE": dir.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("\"label\":\"negative\""))
    }
}

/// Where the shipped files are looked for.
@Suite struct SentimentResourcesTests {
    @Test func searchOrderIsShareThenBesideTheBinaryThenParents() {
        let dirs = SentimentResources.searchPath(
            environment: ["CHORUS_SHARE": "/srv/chorus"], executable: URL(fileURLWithPath: "/opt/chorus/bin/chorus"))
        #expect(Array(dirs.prefix(5).map(\.path)) == [
            "/srv/chorus/sentiment", "/srv/chorus", "/opt/chorus/bin/chorus-share/sentiment",
            "/opt/chorus/share/chorus/sentiment", "/opt/chorus/bin/Config/sentiment",
        ])
        #expect(dirs.last?.path == "/usr/share/chorus/sentiment")
    }

    @Test func theRepositoryConfigIsFound() throws {
        let dir = try SentimentResources.locate(environment: [:], executable: nil)
        #expect(dir.standardizedFileURL.path == RepoPaths.config.appendingPathComponent("sentiment").standardizedFileURL.path)
    }

    @Test func theShippedLexiconHasThousandsOfEntries() throws {
        let a = TestFixtures.shipped
        #expect(a.vocabularySize > 2500)
        #expect(a.vocabularySize > 7000)
        // vader, en, zh, fr, es, de lexicons; en, zh, fr, es, de rules
        #expect(a.loadedFiles.count == 11)
    }
}
