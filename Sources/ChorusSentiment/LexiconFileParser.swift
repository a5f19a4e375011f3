import Foundation

/// Reads lexicon files in VADER's format: one `token<TAB>valence[<TAB>anything...]` per line,
/// valence a number in −4…+4; blank lines and lines starting with `#` are skipped. A token
/// with spaces is a phrase (scored as an idiom).
enum LexiconFileParser {
    /// One entry of a lexicon file.
    struct Entry: Sendable, Equatable {
        var token: String
        var valence: Float
        var line: Int
    }

    /// Parses the file at `url`; errors name the file and line.
    static func parse(contentsOf url: URL) throws -> [Entry] {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw SentimentError(file: url.path, reason: "cannot read lexicon: \(error.localizedDescription)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw SentimentError(file: url.path, reason: "lexicon is not valid UTF-8")
        }
        return try parse(text, file: url.path)
    }

    /// Parses lexicon text; `file` names it in errors.
    static func parse(_ text: String, file: String) throws -> [Entry] {
        var entries: [Entry] = []
        entries.reserveCapacity(4096)
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = rawLine
            if line.last == "\r" { line = line.dropLast() }
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) || line.first == "#" { continue }
            let fields = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false)
            guard fields.count >= 2 else {
                throw SentimentError(file: file, line: lineNumber, reason: "expected token<TAB>valence, got \"\(line.prefix(60))\"")
            }
            let token = fields[0].trimmingCharacters(in: .whitespaces)
            guard !token.isEmpty else {
                throw SentimentError(file: file, line: lineNumber, reason: "empty token")
            }
            let valueText = fields[1].trimmingCharacters(in: .whitespaces)
            guard let value = Float(valueText), value.isFinite, value >= -4, value <= 4 else {
                throw SentimentError(file: file, line: lineNumber, reason: "valence \"\(valueText)\" of \"\(token)\" is not a number in -4...4")
            }
            entries.append(Entry(token: token, valence: value, line: lineNumber))
        }
        return entries
    }
}
