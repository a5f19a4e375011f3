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
                out.bytes.append(contentsOf: block.utf8)
            } else {
                let f = session.figures(title: nil, text: text, lang: lang)
                var t = text
                t.withUTF8 { Self.appendLine($0, f, &session, names, to: &out) }
            }
            if out.bytes.count >= 1 << 16 { Self.flush(&out) }
        }
        // Well-formed lines are scored and written from the read buffer, without a String.
        func handleLine(_ line: UnsafeBufferPointer<UInt8>) {
            guard !explain, LineReader.isValidUTF8(line) else {
                handle(String(decoding: line, as: UTF8.self))
                return
            }
            let f = session.figures(utf8: line, lang: lang)
            Self.appendLine(line, f, &session, names, to: &out)
            if out.bytes.count >= 1 << 16 { Self.flush(&out) }
        }
        if texts.isEmpty {
            LineReader.forEachLineBytes(fd: 0, handleLine)
        } else {
            texts.forEach(handle)
        }
        Self.flush(&out)
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

        /// Appends the encoded name at `name` (one of the tables' entries).
        func append(_ name: (start: Int, count: Int), to out: inout JSONWriter) {
            arena.withUnsafeBufferPointer { a in
                out.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: a[name.start..<(name.start + name.count)]))
            }
        }
    }

    /// One output line, `{"text":...,"sentiment":{...}}` and a newline: the same bytes as
    /// `ItemEncoder.appendSentiment` of `session.score(text)` (the tests compare them), with the
    /// names copied from `names` instead of building arrays of strings per text.
    static func appendLine(_ text: UnsafeBufferPointer<UInt8>, _ f: SentimentSession.Figures, _ session: inout SentimentSession,
                           _ names: EncodedNames, to out: inout JSONWriter) {
        out.raw("{\"text\":")
        // `text` is well-formed UTF-8. Most texts need no escaping: copy them in one piece.
        if text.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            out.string(String(decoding: text, as: UTF8.self))
        } else {
            out.bytes.append(UInt8(ascii: "\""))
            out.bytes.append(contentsOf: text)
            out.bytes.append(UInt8(ascii: "\""))
        }
        out.raw(",\"sentiment\":{\"label\":")
        let label: Int
        switch f.label {
        case .positive: label = 0
        case .negative: label = 1
        case .neutral: label = 2
        case .mixed: label = 3
        }
        names.append(names.labels[label], to: &out)
        out.raw(",\"compound\":"); out.fixed(f.compound)
        out.raw(",\"pos\":"); out.fixed(f.pos, places: 3)
        out.raw(",\"neu\":"); out.fixed(f.neu, places: 3)
        out.raw(",\"neg\":"); out.fixed(f.neg, places: 3)
        out.raw(",\"tags\":[")
        if !f.unsupported {
            session.withTagIDs { ids in
                for i in 0..<ids.count {
                    if i > 0 { out.raw(UInt8(ascii: ",")) }
                    names.append(names.tags[Int(ids[i])], to: &out)
                }
            }
        }
        out.raw("],\"rules\":[")
        if f.unsupported {
            names.append(names.unsupported, to: &out)
        } else {
            session.withRuleIDs { ids in
                for i in 0..<ids.count {
                    if i > 0 { out.raw(UInt8(ascii: ",")) }
                    names.append(names.rules[Int(ids[i])], to: &out)
                }
            }
        }
        out.raw("]}}\n")
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
