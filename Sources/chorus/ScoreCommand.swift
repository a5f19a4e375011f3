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
        var out = ScoreLineWriter(fd: 1)
        let names = EncodedNames(analyzer)
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
                block.withUTF8 { out.appendReserving($0) }
            } else {
                let f = session.figures(title: nil, text: text, lang: lang)
                var t = text
                t.withUTF8 { Self.appendLine($0, escaping: true, f, &session, names, to: &out) }
            }
            out.flushIfFull()
        }
        // Well-formed lines are scored and written from the read buffer, without a String.
        func handleLine(_ line: UnsafeBufferPointer<UInt8>) {
            let check = explain ? .invalid : ScoreLineCheck.of(line)
            guard check != .invalid else {
                handle(String(decoding: line, as: UTF8.self))
                return
            }
            let f = session.figures(utf8: line, lang: lang)
            Self.appendLine(line, escaping: check == .needsEscape, f, &session, names, to: &out)
            out.flushIfFull()
        }
        if texts.isEmpty {
            LineReader.forEachLineBytes(fd: 0, handleLine)
        } else {
            texts.forEach(handle)
        }
        out.flush()
    }

    /// JSON of the rule and tag names and labels, encoded once by `JSONWriter.string`.
    struct EncodedNames {
        /// Every encoded name back to back; the tables below hold (start, count) in it, so
        /// copying a name touches no reference count.
        private var arena: [UInt8] = []
        private(set) var rules: [(start: Int, count: Int)] = []
        private(set) var tags: [(start: Int, count: Int)] = []
        private(set) var labels: [(start: Int, count: Int)] = []
        private(set) var unsupported = (start: 0, count: 0)

        init(_ analyzer: SentimentAnalyzer) {
            func encode(_ s: String) -> (start: Int, count: Int) {
                var w = JSONWriter(capacity: 32)
                w.string(s)
                defer { arena.append(contentsOf: w.bytes) }
                return (arena.count, w.bytes.count)
            }
            rules = analyzer.ruleNames.map { encode($0) }
            tags = SentimentAnalyzer.tagNames.map { encode($0) }
            labels = [Sentiment.Label.positive, .negative, .neutral, .mixed].map { encode($0.rawValue) }
            unsupported = encode(SentimentSession.unsupportedRule)
        }

        /// Appends the encoded name at `name` (one of the tables' entries), reserving room.
        @inline(__always)
        func append(_ name: (start: Int, count: Int), to out: inout ScoreLineWriter) {
            arena.withUnsafeBufferPointer { a in
                out.appendReserving(UnsafeBufferPointer(rebasing: a[name.start..<(name.start + name.count)]))
            }
        }
    }

    /// One output line, `{"text":...,"sentiment":{...}}` and a newline: the same bytes as
    /// `ItemEncoder.appendSentiment` of `session.score(text)` (the tests compare them), with the
    /// names copied from `names` instead of building arrays of strings per text. `text` is
    /// well-formed UTF-8; when `escaping` is false it holds nothing JSON must escape.
    static func appendLine(_ text: UnsafeBufferPointer<UInt8>, escaping: Bool, _ f: SentimentSession.Figures,
                           _ session: inout SentimentSession, _ names: EncodedNames, to out: inout ScoreLineWriter) {
        if escaping {
            var w = JSONWriter(capacity: text.count + 16)
            w.string(String(decoding: text, as: UTF8.self))
            out.reserve(8 + w.bytes.count)
            out.append("{\"text\":")
            w.bytes.withUnsafeBufferPointer { out.append($0) }
        } else {
            out.reserve(10 + text.count)
            out.append("{\"text\":\"")
            out.append(text)
            out.append(UInt8(ascii: "\""))
        }
        let label: Int
        switch f.label {
        case .positive: label = 0
        case .negative: label = 1
        case .neutral: label = 2
        case .mixed: label = 3
        }
        out.reserve(32)
        out.append(",\"sentiment\":{\"label\":")
        names.append(names.labels[label], to: &out)
        // Room for the four numbers and their keys (each number at most 32 bytes).
        out.reserve(4 * 32 + 64)
        out.append(",\"compound\":"); out.fixed(f.compound, places: 4)
        out.append(",\"pos\":"); out.fixed(f.pos, places: 3)
        out.append(",\"neu\":"); out.fixed(f.neu, places: 3)
        out.append(",\"neg\":"); out.fixed(f.neg, places: 3)
        out.append(",\"tags\":[")
        if !f.unsupported {
            session.withTagIDs { ids in
                for i in 0..<ids.count {
                    if i > 0 { out.reserve(1); out.append(UInt8(ascii: ",")) }
                    names.append(names.tags[Int(ids[i])], to: &out)
                }
            }
        }
        out.reserve(16)
        out.append("],\"rules\":[")
        if f.unsupported {
            names.append(names.unsupported, to: &out)
        } else {
            session.withRuleIDs { ids in
                for i in 0..<ids.count {
                    if i > 0 { out.reserve(1); out.append(UInt8(ascii: ",")) }
                    names.append(names.rules[Int(ids[i])], to: &out)
                }
            }
        }
        out.reserve(8)
        out.append("]}}\n")
    }

    /// `value` with `places` decimals, as in the NDJSON output.
    private static func decimal(_ value: Double, _ places: Int) -> String {
        var w = JSONWriter(capacity: 16)
        w.fixed(value, places: places)
        return String(decoding: w.bytes, as: UTF8.self)
    }
}
