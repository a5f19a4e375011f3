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

    /// Parses lexicon text; `file` names it in errors. Works on the UTF-8 bytes: a shipped
    /// lexicon of thousands of lines loads in well under a millisecond.
    static func parse(_ text: String, file: String) throws -> [Entry] {
        var entries: [Entry] = []
        entries.reserveCapacity(4096)
        let bytes = Array(text.utf8)
        var lineNumber = 0
        var i = 0
        let n = bytes.count
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D }
        while i < n {
            lineNumber += 1
            var end = i
            while end < n && bytes[end] != 0x0A { end += 1 }
            defer { i = end + 1 }
            var lineEnd = end
            while lineEnd > i && isSpace(bytes[lineEnd - 1]) { lineEnd -= 1 }
            if lineEnd == i || bytes[i] == 0x23 { continue }
            let line = bytes[i..<lineEnd]
            guard let tab = line.firstIndex(of: 0x09) else {
                // The line is not quoted: a file that is not a lexicon may hold anything.
                let length = String(decoding: line, as: UTF8.self).count
                throw SentimentError(file: file, line: lineNumber, reason: "expected token<TAB>valence, found a line without a tab (\(length) characters)")
            }
            var ts = i, te = tab
            while ts < te && bytes[ts] == 0x20 { ts += 1 }
            while te > ts && bytes[te - 1] == 0x20 { te -= 1 }
            let token = String(decoding: bytes[ts..<te], as: UTF8.self)
            guard !token.isEmpty else { throw SentimentError(file: file, line: lineNumber, column: 1, reason: "empty token") }
            var vs = tab + 1
            while vs < lineEnd && isSpace(bytes[vs]) { vs += 1 }
            var ve = vs
            while ve < lineEnd && bytes[ve] != 0x09 { ve += 1 }
            while ve > vs && isSpace(bytes[ve - 1]) { ve -= 1 }
            let valueText = String(decoding: bytes[vs..<ve], as: UTF8.self)
            guard let value = Float(valueText), value.isFinite, value >= -4, value <= 4 else {
                let column = String(decoding: bytes[i..<vs], as: UTF8.self).count + 1
                throw SentimentError(
                    file: file, line: lineNumber, column: column,
                    reason: "valence \(SentimentError.numberShown(valueText)) is not a number in -4...4")
            }
            entries.append(Entry(token: token, valence: value, line: lineNumber))
        }
        return entries
    }
}
