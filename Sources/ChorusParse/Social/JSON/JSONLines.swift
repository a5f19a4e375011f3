/// Reads a document that is either one JSON value or JSON Lines (NDJSON): one value per line,
/// as saved streams (X filtered stream) and line-per-page archives (twarc) are. Blank lines
/// are skipped; a line that is not JSON fails with its own line number.
enum JSONLines {
    /// The documents of `bytes` with the line each starts on (1 for a single value).
    static func documents(_ bytes: [UInt8]) throws(JSONSyntaxError) -> [(line: Int, document: JSONDocument)] {
        do {
            return [(1, try JSONReader.parse(bytes))]
        } catch where error.reason == JSONReader.trailingData && breakBefore(error.offset, in: bytes) {
            // A value ended and another began after a line break: read it line by line.
            return try lines(bytes)
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

    /// One document per non-blank line.
    private static func lines(_ bytes: [UInt8]) throws(JSONSyntaxError) -> [(line: Int, document: JSONDocument)] {
        var out: [(line: Int, document: JSONDocument)] = []
        var start = 0
        var number = 1
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            let line = bytes[start..<end]
            if line.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) {
                do {
                    out.append((number, try JSONReader.parse(Array(line))))
                } catch {
                    throw JSONSyntaxError(offset: start + error.offset, line: number, column: error.column, reason: error.reason)
                }
            }
            start = end + 1
            number += 1
        }
        return out
    }
}
