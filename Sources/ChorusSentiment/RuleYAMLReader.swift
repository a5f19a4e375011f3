/// Reads the subset of YAML the rule files are written in, without Yams: block mappings and
/// block sequences by indentation, flow lists (`[a, b]`, over several lines), plain, single-
/// and double-quoted (escape-free) scalars, plain list items folded over lines, and `#` comments. Anything else (anchors, tags,
/// block scalars, flow mappings, document markers, tabs, escapes, multi-line scalars, control
/// characters) throws
/// `Unsupported`, and the caller reads the file with Yams instead, so every YAML file still
/// loads, with Yams's messages for malformed ones.
///
/// Why: start-up of `chorus score` is part of every run, and Yams building its node tree for
/// the ~1,100 lines of shipped rules was 14% of it (perf, release build; docs/sentiment.md).
/// `RuleYAMLReaderTests` checks that this reader and Yams give the same tree for every
/// shipped rule file and for each construct read here.
enum RuleYAMLReader {
    /// The text uses YAML beyond the subset.
    struct Unsupported: Error {}

    /// One non-blank line: its number, indentation and content (comment and trailing
    /// blanks removed) as a range of the text's bytes.
    private struct Line {
        var number: Int
        var indent: Int
        var start: Int
        var end: Int
    }

    /// The document's root node, nil for an empty document.
    static func read(_ text: String) throws(Unsupported) -> RuleNode? {
        var reader = Reader(bytes: Array(text.utf8))
        try reader.splitLines()
        guard !reader.lines.isEmpty else { return nil }
        let root = try reader.node(parentIndent: -1)
        guard reader.i == reader.lines.count else { throw Unsupported() }
        return root
    }

    private struct Reader {
        let bytes: [UInt8]
        var lines: [Line] = []
        var i = 0

        init(bytes: [UInt8]) { self.bytes = bytes }

        mutating func splitLines() throws(Unsupported) {
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { throw Unsupported() }
            // YAML allows no control character but tab, LF and CR (nor DEL or C1 controls but
            // NEL): such a file goes to Yams, whose error places the character.
            for (k, b) in bytes.enumerated() {
                let control = (b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D) || b == 0x7F
                let c1 = b == 0xC2 && k + 1 < bytes.count && (0x80...0x9F).contains(bytes[k + 1]) && bytes[k + 1] != 0x85
                if control || c1 { throw Unsupported() }
            }
            var start = 0, number = 1
            while start <= bytes.count {
                var end = start
                while end < bytes.count && bytes[end] != 0x0A { end += 1 }
                try addLine(start, end, number)
                start = end + 1
                number += 1
            }
        }

        private mutating func addLine(_ start: Int, _ end: Int, _ number: Int) throws(Unsupported) {
            var p = start
            while p < end && bytes[p] == 0x20 { p += 1 }
            if p < end && bytes[p] == 0x09 { throw Unsupported() }
            // The content ends at a comment (# at the start or after a blank, outside quotes).
            var q = p, quote: UInt8 = 0
            while q < end {
                let b = bytes[q]
                if b == 0x0D || b == 0x09 { throw Unsupported() }
                if quote != 0 {
                    if b == quote { quote = 0 }
                } else if b == 0x22 || b == 0x27 {
                    // A quote opens a scalar only where one may start (not inside "can't").
                    if q == p || [0x20, 0x5B, 0x2C].contains(bytes[q - 1]) { quote = b }
                } else if b == 0x23 && (q == p || bytes[q - 1] == 0x20) {
                    break
                }
                q += 1
            }
            if quote != 0 { throw Unsupported() }
            while q > p && bytes[q - 1] == 0x20 { q -= 1 }
            guard q > p else { return }
            let content = bytes[p..<q]
            if p == start && (content.elementsEqual("---".utf8) || content.elementsEqual("...".utf8) || bytes[p] == 0x25) {
                throw Unsupported()
            }
            lines.append(Line(number: number, indent: p - start, start: p, end: q))
        }

        private func isEntry(_ l: Line) -> Bool {
            bytes[l.start] == 0x2D && (l.end == l.start + 1 || bytes[l.start + 1] == 0x20)
        }

        /// The node starting at line `i`, more indented than `parentIndent`.
        mutating func node(parentIndent: Int) throws(Unsupported) -> RuleNode {
            let l = lines[i]
            guard l.indent > parentIndent else { throw Unsupported() }
            if isEntry(l) { return try sequence(indent: l.indent) }
            if bytes[l.start] == 0x5B {
                let n = try flow(at: l.start, parentIndent: parentIndent)
                return n
            }
            guard keySplit(l) != nil else { throw Unsupported() }
            return try mapping(indent: l.indent)
        }

        /// Where a line's `key: value` splits: the colon's index.
        private func keySplit(_ l: Line) -> Int? {
            var p = l.start
            let first = bytes[p]
            if first == 0x22 || first == 0x27 {
                p += 1
                while p < l.end && bytes[p] != first { p += 1 }
                p += 1
                return p < l.end && bytes[p] == 0x3A && (p + 1 == l.end || bytes[p + 1] == 0x20) ? p : nil
            }
            while p < l.end {
                if bytes[p] == 0x3A && (p + 1 == l.end || bytes[p + 1] == 0x20) { return p }
                p += 1
            }
            return nil
        }

        private mutating func mapping(indent: Int) throws(Unsupported) -> RuleNode {
            let first = lines[i].number
            var pairs: [RuleNode.Pair] = []
            while i < lines.count && lines[i].indent >= indent {
                let l = lines[i]
                guard l.indent == indent, !isEntry(l), let colon = keySplit(l) else { throw Unsupported() }
                let key = try Self.scalar(bytes[l.start..<trimmedEnd(l.start, colon)], line: l.number, flow: false)
                var p = colon + 1
                while p < l.end && bytes[p] == 0x20 { p += 1 }
                let value: RuleNode
                if p == l.end {
                    i += 1
                    if i < lines.count && lines[i].indent > indent {
                        value = try node(parentIndent: indent)
                    } else if i < lines.count && lines[i].indent == indent && isEntry(lines[i]) {
                        value = try sequence(indent: indent)
                    } else {
                        value = .scalar("", plain: true, line: l.number)
                    }
                } else if bytes[p] == 0x5B {
                    value = try flow(at: p, parentIndent: indent)
                } else {
                    value = try Self.scalar(bytes[p..<l.end], line: l.number, flow: false)
                    i += 1
                }
                if i < lines.count && lines[i].indent > indent { throw Unsupported() }
                pairs.append(RuleNode.Pair(key: key, value: value))
            }
            return .mapping(pairs, line: first)
        }

        private mutating func sequence(indent: Int) throws(Unsupported) -> RuleNode {
            let first = lines[i].number
            var items: [RuleNode] = []
            while i < lines.count && lines[i].indent == indent && isEntry(lines[i]) {
                var l = lines[i]
                var p = l.start + 1
                while p < l.end && bytes[p] == 0x20 { p += 1 }
                guard p < l.end else { throw Unsupported() }
                // The entry's content as a line of its own, indented to where it starts.
                l.indent += p - l.start
                l.start = p
                lines[i] = l
                if bytes[p] == 0x5B || keySplit(l) != nil {
                    items.append(try node(parentIndent: indent))
                } else {
                    items.append(try Self.scalar(bytes[p..<l.end], line: l.number, flow: false))
                    i += 1
                    if i < lines.count && lines[i].indent > indent { throw Unsupported() }
                }
            }
            if i < lines.count && lines[i].indent > indent { throw Unsupported() }
            return .sequence(items, line: first)
        }

        /// A flow list starting at byte `at` of line `i`, possibly over several lines, each
        /// more indented than `parentIndent`; moves `i` past its last line.
        private mutating func flow(at: Int, parentIndent: Int) throws(Unsupported) -> RuleNode {
            let first = lines[i].number
            var p = at + 1
            var items: [RuleNode] = []
            var expectItem = true
            while true {
                while p < lines[i].end && bytes[p] == 0x20 { p += 1 }
                if p == lines[i].end {
                    i += 1
                    guard i < lines.count, lines[i].indent > parentIndent else { throw Unsupported() }
                    p = lines[i].start
                    continue
                }
                let b = bytes[p]
                if b == 0x5D {
                    p += 1
                    guard p == lines[i].end else { throw Unsupported() }
                    i += 1
                    return .sequence(items, line: first)
                }
                if b == 0x2C {
                    guard !expectItem else { throw Unsupported() }
                    expectItem = true
                    p += 1
                    continue
                }
                guard expectItem else { throw Unsupported() }
                let firstLine = lines[i].number
                var q = p
                var folded: [UInt8]?
                if b == 0x22 || b == 0x27 {
                    q += 1
                    while q < lines[i].end && bytes[q] != b { q += 1 }
                    guard q < lines[i].end else { throw Unsupported() }
                    q += 1
                    // '' inside a single-quoted scalar is one quote: read it with the full rules.
                    if b == 0x27 && q < lines[i].end && bytes[q] == 0x27 { throw Unsupported() }
                } else {
                    while q < lines[i].end && bytes[q] != 0x2C && bytes[q] != 0x5D { q += 1 }
                    // A plain scalar that goes on to the next line is folded: the line break
                    // and the next line's indentation read as one space ("its a\n  boy").
                    while q == lines[i].end, i + 1 < lines.count, ![0x2C, 0x5D].contains(bytes[lines[i + 1].start]) {
                        // A blank or comment line between would be another break: left to Yams.
                        guard lines[i + 1].number == lines[i].number + 1, lines[i + 1].indent > parentIndent else { throw Unsupported() }
                        if folded == nil { folded = Array(bytes[p..<trimmedEnd(p, q)]) }
                        i += 1
                        q = lines[i].start
                        while q < lines[i].end && bytes[q] != 0x2C && bytes[q] != 0x5D { q += 1 }
                        folded?.append(0x20)
                        folded?.append(contentsOf: bytes[lines[i].start..<trimmedEnd(lines[i].start, q)])
                    }
                }
                if let folded {
                    items.append(try Self.scalar(folded[...], line: firstLine, flow: true))
                } else {
                    items.append(try Self.scalar(bytes[p..<trimmedEnd(p, q)], line: lines[i].number, flow: true))
                }
                expectItem = false
                p = q
            }
        }

        private func trimmedEnd(_ start: Int, _ end: Int) -> Int {
            var e = end
            while e > start && bytes[e - 1] == 0x20 { e -= 1 }
            return e
        }

        /// The scalar written in `text` (the bytes of one line, or a folded flow scalar).
        private static func scalar(_ text: ArraySlice<UInt8>, line: Int, flow: Bool) throws(Unsupported) -> RuleNode {
            let start = text.startIndex, end = text.endIndex
            guard start < end else { throw Unsupported() }
            let b = text[start]
            if b == 0x22 || b == 0x27 {
                guard end - start >= 2, text[end - 1] == b else { throw Unsupported() }
                let body = text[(start + 1)..<(end - 1)]
                if body.contains(b) || (b == 0x22 && body.contains(0x5C)) { throw Unsupported() }
                return .scalar(String(decoding: body, as: UTF8.self), plain: false, line: line)
            }
            let next: UInt8 = start + 1 < end ? text[start + 1] : 0x20
            if indicators.contains(b) || ((b == 0x2D || b == 0x3F || b == 0x3A) && next == 0x20) { throw Unsupported() }
            for k in start..<end {
                let c = text[k]
                // ": " in a block scalar is a nested mapping; in a flow list any ':' or bracket
                // may be syntax.
                if c == 0x3A && (flow || k + 1 == end || text[k + 1] == 0x20) { throw Unsupported() }
                if flow && (c == 0x5B || c == 0x7B || c == 0x7D) { throw Unsupported() }
            }
            return .scalar(String(decoding: text, as: UTF8.self), plain: true, line: line)
        }

        /// Bytes that cannot start a plain scalar (or start YAML this reader leaves to Yams).
        private static let indicators: [UInt8] = Array(",[]{}#&*!|>%@`".utf8)
    }
}
