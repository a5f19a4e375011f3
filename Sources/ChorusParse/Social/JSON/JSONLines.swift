/// Reads a document that is either one JSON value or JSON Lines (NDJSON): one value per line,
/// as saved streams (X filtered stream) and line-per-page archives (twarc) are. Blank lines
/// are skipped; each line is read on its own, so one broken line (a capture cut short in the
/// middle of its last line) does not cost the others.
enum JSONLines {
    /// One value of the document and the line it starts on, or why that line is not JSON.
    struct Line {
        var number: Int
        var document: Result<JSONDocument, JSONSyntaxError>
    }

    /// The values of `bytes`: one line for a single value. A document that is neither one value
    /// nor has any line that is one fails with the error of reading it as one value.
    static func documents(_ bytes: [UInt8]) throws(JSONSyntaxError) -> [Line] {
        do {
            return [Line(number: 1, document: .success(try JSONReader.parse(bytes)))]
        } catch where error.reason == JSONReader.trailingData && breakBefore(error.offset, in: bytes) {
            // A value ended and another began after a line break: read it line by line.
            let lines = self.lines(bytes)
            guard lines.contains(where: { if case .success = $0.document { true } else { false } }) else { throw error }
            return lines
        }
    }

    /// True when the blanks just before `offset` hold a line break.
    private static func breakBefore(_ offset: Int, in bytes: [UInt8]) -> Bool {
        var i = min(offset, bytes.count) - 1
        while i >= 0, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0D || bytes[i] == 0x0A {
            if bytes[i] == 0x0A { return true }
            i -= 1
        }
        return false
    }

    /// One value per non-blank line.
    private static func lines(_ bytes: [UInt8]) -> [Line] {
        var out: [Line] = []
        var start = 0
        var number = 1
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            let line = bytes[start..<end]
            if line.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) {
                do {
                    out.append(Line(number: number, document: .success(try JSONReader.parse(Array(line)))))
                } catch {
                    let located = JSONSyntaxError(offset: start + error.offset, line: number, column: error.column, reason: error.reason)
                    out.append(Line(number: number, document: .failure(located)))
                }
            }
            start = end + 1
            number += 1
        }
        return out
    }
}
