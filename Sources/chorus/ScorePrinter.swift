import ChorusOutput
import ChorusSentiment

/// The loop body of `chorus score`: scores one text at a time with one `SentimentSession` and
/// appends its NDJSON line (or its `--explain` block) to one `ScoreLineWriter`.
///
/// Non-copyable because it owns the writer. The caller hands lines to it from a closure
/// literal, so the session and the buffer are plain stored values, checked statically.
struct ScorePrinter: ~Copyable {
    private var session: SentimentSession
    private var out: ScoreLineWriter
    private let names: ScoreNames
    private let lang: String?
    private let explain: Bool

    /// A printer to stdout (file descriptor `fd`) for texts in `lang` (nil: detected).
    init(_ analyzer: SentimentAnalyzer, lang: String?, explain: Bool, fd: Int32 = 1) {
        session = SentimentSession(analyzer)
        out = ScoreLineWriter(fd: fd)
        names = ScoreNames(analyzer)
        self.lang = lang
        self.explain = explain
    }

    /// Scores one input line. Well-formed UTF-8 is scored and copied from the read buffer,
    /// without a `String`; anything else is repaired (U+FFFD) first.
    mutating func line(_ line: UnsafeBufferPointer<UInt8>) {
        let check = explain ? .invalid : ScoreLineCheck.of(line)
        guard check != .invalid else {
            text(String(decoding: line, as: UTF8.self))
            return
        }
        let f = session.figures(utf8: line, lang: lang)
        appendLine(line, escaping: check == .needsEscape, f)
        out.flushIfFull()
    }

    /// Scores one text given as a `String` (a command-line argument, or a repaired line).
    mutating func text(_ text: String) {
        if explain {
            let e = session.explain(text, lang: lang)
            var block = "\(text)\n"
            for line in e.lines { block += line + "\n" }
            let s = e.sentiment
            let tags = s.tags.isEmpty ? "-" : s.tags.joined(separator: ", ")
            let rules = s.rules.isEmpty ? "-" : s.rules.joined(separator: ", ")
            block += "  = \(s.scored ? s.label.rawValue : "not scored"), compound \(Self.decimal(s.compound, 4)), pos \(Self.decimal(s.pos, 3))"
                + " neu \(Self.decimal(s.neu, 3)) neg \(Self.decimal(s.neg, 3)); tags: \(tags); rules: \(rules)\n"
            block.withUTF8 { out.appendReserving($0) }
        } else {
            let f = session.figures(title: nil, text: text, lang: lang)
            var t = text
            t.withUTF8 { appendLine($0, escaping: true, f) }
        }
        out.flushIfFull()
    }

    /// Writes whatever is buffered.
    mutating func finish() {
        out.flush()
    }

    /// One output line, `{"text":...,"sentiment":{...}}` and a newline: the same bytes as
    /// `ItemEncoder.appendSentiment` of `session.score(text)` (the tests compare them), with the
    /// names copied from `names` instead of building arrays of strings per text. `text` is
    /// well-formed UTF-8; when `escaping` is false it holds nothing JSON must escape.
    private mutating func appendLine(_ text: UnsafeBufferPointer<UInt8>, escaping: Bool, _ f: SentimentSession.Figures) {
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
        // The tag and rule ids in place (none for text not scored).
        session.withLastIDs { tagIDs, ruleIDs in
        let tagIDs = f.unsupported ? UnsafeBufferPointer(start: nil, count: 0) : tagIDs
        names.arena.withUnsafeBufferPointer { arena in
            if f.unsupported {
                out.reserve(96)
                out.append(",\"sentiment\":")
                out.append(ItemEncoder.notScoredFigures)
            } else {
                out.reserve(32)
                out.append(",\"sentiment\":{\"label\":")
                out.appendName(arena, names.labels[label])
                // Room for the four numbers and their keys (each number at most 32 bytes).
                out.reserve(4 * 32 + 64)
                out.append(",\"compound\":"); out.unitFixed(f.compound, places: 4)
                out.append(",\"pos\":"); out.unitFixed(f.pos, places: 3)
                out.append(",\"neu\":"); out.unitFixed(f.neu, places: 3)
                out.append(",\"neg\":"); out.unitFixed(f.neg, places: 3)
            }
            out.append(",\"tags\":[")
            for i in 0..<tagIDs.count {
                if i > 0 { out.reserve(1); out.append(UInt8(ascii: ",")) }
                out.appendName(arena, names.tags[Int(tagIDs[i])])
            }
            out.reserve(16)
            out.append("],\"rules\":[")
            if f.unsupported {
                out.appendName(arena, names.unsupported)
            } else {
                for i in 0..<ruleIDs.count {
                    if i > 0 { out.reserve(1); out.append(UInt8(ascii: ",")) }
                    out.appendName(arena, names.rules[Int(ruleIDs[i])])
                }
            }
        }
        }
        out.reserve(40)
        // The common ending in one literal (one copy, not three).
        if !f.unsupported, let other = f.lang, other == "en" {
            out.append("],\"scored\":true,\"lang\":\"en\"}}\n")
            return
        }
        out.append(f.unsupported ? "],\"scored\":false,\"lang\":" : "],\"scored\":true,\"lang\":")
        // Compared with `==` (small strings compare as two words), not a `switch` over string
        // literals, which searches a table of them per text.
        if let other = f.lang {
            if other == "en" {
                out.append("\"en\"")
            } else if other == "zh" {
                out.append("\"zh\"")
            } else {
                var w = JSONWriter(capacity: other.utf8.count + 8)
                w.string(other)
                w.bytes.withUnsafeBufferPointer { out.appendReserving($0) }
            }
        } else {
            out.append("null")
        }
        out.reserve(4)
        out.append("}}\n")
    }

    /// `value` with `places` decimals, as in the NDJSON output.
    private static func decimal(_ value: Double, _ places: Int) -> String {
        var w = JSONWriter(capacity: 16)
        w.fixed(value, places: places)
        return String(decoding: w.bytes, as: UTF8.self)
    }
}
