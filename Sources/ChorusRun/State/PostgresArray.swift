import Foundation

/// Writes array literals (`{"a","b",NULL}`) so that a whole column of rows travels as one text
/// parameter: `unnest($1::text[], $2::float8[], ...)` inserts thousands of rows, and
/// `= ANY($1::text[])` looks thousands of ids up, in one round trip each.
enum PostgresArray {
    /// Every element double-quoted (so an empty string stays a string), `\` and `"` escaped.
    static func text(_ values: [String?]) -> String {
        var out = "{"
        out.reserveCapacity(values.count * 24)
        for (i, value) in values.enumerated() {
            if i > 0 { out += "," }
            guard let value else { out += "NULL"; continue }
            out += "\""
            for ch in value.unicodeScalars {
                if ch == "\\" || ch == "\"" { out += "\\" }
                out.unicodeScalars.append(ch)
            }
            out += "\""
        }
        return out + "}"
    }

    /// Numbers in Swift's shortest round-trip form (PostgreSQL reads them back exactly).
    static func numbers(_ values: [Double?]) -> String {
        "{" + values.map { $0.map { "\($0)" } ?? "NULL" }.joined(separator: ",") + "}"
    }

    static func integers(_ values: [Int?]) -> String {
        "{" + values.map { $0.map(String.init) ?? "NULL" }.joined(separator: ",") + "}"
    }
}
