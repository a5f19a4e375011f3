import ArgumentParser
import ChorusModel
import ChorusOutput
import ChorusSentiment
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `chorus score`: scores texts given as arguments, or one per line on stdin, and prints one
/// NDJSON object per input, in order: `{"text": ..., "sentiment": {...}}`.
struct ScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Score the sentiment of texts (arguments, or one per line on stdin) as NDJSON.",
        discussion: """
            Each input gives one line {"text": ..., "sentiment": {label, compound, pos, neu, neg, tags, rules}},
            the same sentiment object as in items. --explain prints a readable breakdown instead.
            The shipped lexicons are found through $CHORUS_SHARE, beside the binary, or the repository's
            Config/sentiment (see docs/sentiment.md). Exit 78 when a lexicon or rule file is bad.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Texts to score. Without any, one text per line is read from stdin.")
    var texts: [String] = []

    @Flag(help: "Print every contribution in readable form (not NDJSON).")
    var explain = false

    @Option(name: .customLong("lexicon"), help: ArgumentHelp("An extra lexicon file (token<TAB>valence); repeatable.", valueName: "file"))
    var lexicons: [String] = []

    @Option(name: .customLong("rules"), help: ArgumentHelp("An extra rule file (YAML); repeatable.", valueName: "file"))
    var rules: [String] = []

    @Option(help: "The texts' declared language (e.g. en, zh); default: detected from the script.")
    var lang: String?

    func run() throws {
        global.bootstrap()
        let analyzer: SentimentAnalyzer
        do {
            analyzer = try SentimentAnalyzer(configuration: SentimentConfiguration(
                lexiconFiles: lexicons.map { URL(fileURLWithPath: $0) },
                ruleFiles: rules.map { URL(fileURLWithPath: $0) }))
        } catch {
            FileHandle.standardError.write(Data("chorus score: \(error)\n".utf8))
            throw ExitStatus.configError
        }
        var session = SentimentSession(analyzer)
        var out = JSONWriter(capacity: 1 << 17)
        // Read the options once: ArgumentParser's property wrappers are slow to read per line.
        let explain = self.explain, lang = self.lang
        func handle(_ text: String) {
            if explain {
                let e = session.explain(text, lang: lang)
                var block = "\(text)\n"
                for line in e.lines { block += line + "\n" }
                let s = e.sentiment
                let tags = s.tags.isEmpty ? "-" : s.tags.joined(separator: ", ")
                let rules = s.rules.isEmpty ? "-" : s.rules.joined(separator: ", ")
                block += "  = \(s.label.rawValue), compound \(Self.decimal(s.compound, 4)), pos \(Self.decimal(s.pos, 3))"
                    + " neu \(Self.decimal(s.neu, 3)) neg \(Self.decimal(s.neg, 3)); tags: \(tags); rules: \(rules)\n"
                out.bytes.append(contentsOf: block.utf8)
            } else {
                let s = session.score(text, lang: lang)
                out.raw(UInt8(ascii: "{"))
                out.key("text", first: true); out.string(text)
                out.key("sentiment"); ItemEncoder.appendSentiment(s, to: &out)
                out.raw(UInt8(ascii: "}"))
                out.raw(UInt8(ascii: "\n"))
            }
            if out.bytes.count >= 1 << 16 { Self.flush(&out) }
        }
        if texts.isEmpty {
            LineReader.forEachLine(fd: 0, handle)
        } else {
            texts.forEach(handle)
        }
        Self.flush(&out)
    }

    /// `value` with `places` decimals, as in the NDJSON output.
    private static func decimal(_ value: Double, _ places: Int) -> String {
        var w = JSONWriter(capacity: 16)
        w.fixed(value, places: places)
        return String(decoding: w.bytes, as: UTF8.self)
    }

    private static func flush(_ w: inout JSONWriter) {
        w.bytes.withUnsafeBufferPointer { p in
            var off = 0
            while off < p.count {
                let n = write(1, p.baseAddress! + off, p.count - off)
                if n <= 0 { if errno == EINTR { continue }; break }
                off += n
            }
        }
        w.bytes.removeAll(keepingCapacity: true)
    }
}
