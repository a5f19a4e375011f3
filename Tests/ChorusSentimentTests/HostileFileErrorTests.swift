@testable import ChorusSentiment
import ChorusTestSupport
import Foundation
import Testing

/// Errors in lexicon and rule files name the file and line (lexicons and YAML syntax errors the column too), and quote what is wrong
/// safely: a hostile file cannot put raw escape sequences (or megabytes) on the terminal.
@Suite struct HostileFileErrorTests {
    /// A scalar a terminal could act on: C0 and C1 controls, DEL, bidi overrides and isolates.
    static func isUnsafe(_ s: Unicode.Scalar) -> Bool {
        s.value < 0x20 || (0x7F...0x9F).contains(s.value) || (0x202A...0x202E).contains(s.value) || (0x2066...0x2069).contains(s.value)
    }

    /// The error loading `text` as a lexicon (`.tsv`) or rule file (`.yaml`) gives, and the file's path.
    func failure(_ text: String, as ext: String) throws -> (SentimentError, String) {
        let url = try TemporaryFiles.directory().appendingPathComponent("hostile.\(ext)")
        try Data(text.utf8).write(to: url)
        let configuration = ext == "tsv"
            ? SentimentConfiguration(lexiconFiles: [url]) : SentimentConfiguration(ruleFiles: [url])
        do {
            _ = try SentimentAnalyzer(configuration: configuration)
        } catch let error as SentimentError {
            return (error, url.path)
        }
        Issue.record("the file loaded")
        throw CancellationError()
    }

    /// Every message: one line, no unsafe scalar, not longer than `limit` characters.
    func expectSafe(_ message: String, limit: Int = 400, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!message.unicodeScalars.contains(where: Self.isUnsafe), "\(message.debugDescription)", sourceLocation: sourceLocation)
        #expect(message.count <= limit, "\(message.count) characters", sourceLocation: sourceLocation)
    }

    @Test func aLexiconLineWithoutATabIsPlacedNotQuoted() throws {
        let (e, path) = try failure("good\t2.0\n\u{1B}[2J\u{1B}]0;owned\u{07}\u{9B}31m\u{202E}evil\n", as: "tsv")
        expectSafe(e.description)
        #expect(e.description == "sentiment: \(path):2: expected token<TAB>valence, found a line without a tab (23 characters)", "\(e)")
    }

    @Test func aBadValenceNamesLineAndColumnAndShowsOnlyANumberAttempt() throws {
        let (e, path) = try failure("# header\ngood\t2.0\nbad\"wolf\t  \u{1B}c\n", as: "tsv")
        #expect(e.line == 3 && e.column == 12)
        expectSafe(e.description)
        #expect(e.description == "sentiment: \(path):3:12: valence text of 2 characters is not a number in -4...4", "\(e)")
        let (range, _) = try failure("wow\t-1e999\n", as: "tsv")
        #expect(range.description == "sentiment: \(range.file ?? ""):1:5: valence \"-1e999\" is not a number in -4...4", "\(range)")
    }

    /// A credentials file given as a lexicon or rule file by mistake: its values stay out of the message.
    @Test func aWrongFilesSecretsAreNotCopiedIntoTheMessage() throws {
        for text in ["machine api.example login bot password hunter2-secret\n", "api_key\tsk-live-hunter2-secret\n"] {
            let (e, _) = try failure(text, as: "tsv")
            #expect(!e.description.contains("hunter2"), "\(e)")
        }
        let (rules, _) = try failure("boosters:\n  api_key: sk-live-hunter2-secret\n", as: "yaml")
        #expect(rules.description.contains("got text of 22 characters"), "\(rules)")
        #expect(!rules.description.contains("hunter2"), "\(rules)")
    }

    @Test func aHugeLexiconLineIsDescribedNotCopied() throws {
        let (e, path) = try failure("good\t2.0\n" + String(repeating: "é\u{1B}", count: 500_000) + "\n", as: "tsv")
        expectSafe(e.description)
        #expect(e.description == "sentiment: \(path):2: expected token<TAB>valence, found a line without a tab (1000000 characters)")
        let (long, _) = try failure("w\t" + String(repeating: "9", count: 1_000_000) + "\n", as: "tsv")
        expectSafe(long.description)
        #expect(long.column == 3)
        #expect(long.description.hasSuffix(":1:3: valence text of 1000000 characters is not a number in -4...4"), "\(long)")
    }

    @Test func anUnknownRuleKeyWithAnEscapeIsQuotedEscapedWithItsLine() throws {
        // YAML's double-quoted "\e" is ESC: the key itself holds the escape sequence.
        let (e, path) = try failure("boosters:\n  very: 0.5\nrules:\n  - name: x\n    match: y\n    \"\\e[31mred\": 1\n", as: "yaml")
        expectSafe(e.description)
        // Rule-file meanings are placed by line (the Yams-free reader keeps lines, not columns).
        #expect(e.line == 6 && e.column == nil, "\(e)")
        #expect(e.description.hasPrefix(#"sentiment: \#(path):6: unknown rule key "\u{1B}[31mred" (expected"#), "\(e.description)")
    }

    /// `at: glad` turns negative tears positive: any other effect is refused, naming the rule.
    @Test func aGladRuleNeedsANegativeValence() throws {
        for effect in ["valence: 2", "flip: true", "booster: 1", "shift: -1", "valence: 0", "tags: [relief]"] {
            let (e, path) = try failure("rules:\n  - name: tears\n    match: crying\n    at: glad\n    \(effect)\n", as: "yaml")
            #expect(e.description == "sentiment: \(path):2: rule \"tears\": at: glad needs a negative valence", "\(effect): \(e.description)")
        }
    }

    @Test func aHugeHostileRuleNameIsCut() throws {
        let name = String(repeating: "\u{1B}[5m", count: 100_000)
        let (e, path) = try failure("rules:\n  - name: \"\(name.replacingOccurrences(of: "\u{1B}", with: "\\e"))\"\n    match: y\n    valence: 1\n    shift: 1\n", as: "yaml")
        expectSafe(e.description)
        #expect(e.description.hasPrefix(#"sentiment: \#(path):2: rule "\u{1B}[5m"#), "\(e.description.prefix(80))")
        #expect(e.description.contains("…\" has more than one of valence"), "\(e.description)")
    }

    @Test func aBadNumberHasALineAndAYAMLSyntaxErrorAColumn() throws {
        let (number, path) = try failure("boosters:\n  very: \"\\a\\bloud\"\n", as: "yaml") // YAML's escapes for BEL and BS
        expectSafe(number.description)
        #expect(number.description == "sentiment: \(path):2: expected a number in -2.0...2.0, got text of 6 characters", "\(number.description)")
        let (syntax, _) = try failure("rules:\n  - name: a\n    match: [b\n  @", as: "yaml")
        expectSafe(syntax.description)
        #expect(syntax.line == 5 && syntax.column == 1, "\(syntax)")
    }

    @Test func aRawControlCharacterInYAMLIsPlacedNotQuoted() throws {
        let line = "  - name: a\u{1B}[2J" + String(repeating: "x", count: 100_000)
        let (e, path) = try failure("rules:\n\(line)\n    match: b\n", as: "yaml")
        expectSafe(e.description)
        #expect(e.description == "sentiment: \(path):2:12: invalid YAML: control characters are not allowed (U+1B)", "\(e.description.prefix(300))")
    }

    @Test func theCommandLineShowsTheEscapedMessage() throws {
        let url = try TemporaryFiles.directory().appendingPathComponent("lexicon.tsv")
        try Data("\u{1B}]52;c;cHduZWQ=\u{07}\n".utf8).write(to: url)
        let p = Process()
        p.executableURL = RepoPaths.chorusBinary
        p.arguments = ["score", "--lexicon", url.path, "good"]
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        let bytes = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        #expect(p.terminationStatus == 78)
        #expect(!bytes.contains(0x1B) && !bytes.contains(0x07), "\(String(decoding: bytes, as: UTF8.self).debugDescription)")
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("\(url.path):1: expected token<TAB>valence, found a line without a tab"), "\(text)")
        #expect(!text.contains("cHduZWQ"), "the clipboard payload is not echoed: \(text)")
    }
}
