import Foundation

/// Writes array literals (`{"a","b",NULL}`) so that a whole column of rows travels as one text
/// parameter: `unnest($1::text[], $2::float8[], ...)` inserts thousands of rows, and
/// `= ANY($1::text[])` looks thousands of ids up, in one round trip each.
enum PostgresArray {
    /// Every element double-quoted (so an empty string stays a string), `\` and `"` escaped.
    /// Built as UTF-8 bytes (a quote or backslash byte is never part of a multi-byte character):
    /// a commit's columns of 20,000 ids took a third of a second as `String` appends.
    static func text(_ values: [String?]) -> String {
        let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")
        var out: [UInt8] = [UInt8(ascii: "{")]
        out.reserveCapacity(values.count * 40 + 2)
        for (i, value) in values.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            guard var value else {
                out.append(contentsOf: "NULL".utf8)
                continue
            }
            out.append(quote)
            value.withUTF8 { bytes in
                if !bytes.contains(where: { $0 == quote || $0 == backslash }) {
                    out.append(contentsOf: bytes)
                    return
                }
                for b in bytes {
                    if b == quote || b == backslash { out.append(backslash) }
                    out.append(b)
                }
            }
            out.append(quote)
        }
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }

    /// Numbers in Swift's shortest round-trip form (PostgreSQL reads them back exactly).
    static func numbers(_ values: [Double?]) -> String {
        joined(values) { $0.description }
    }

    static func integers(_ values: [Int?]) -> String {
        joined(values) { String($0) }
    }

    /// `{a,b,NULL}` from elements that need no quotes, in one buffer.
    private static func joined<T>(_ values: [T?], _ form: (T) -> String) -> String {
        var out = "{"
        out.reserveCapacity(values.count * 20 + 2)
        for (i, value) in values.enumerated() {
            if i > 0 { out += "," }
            out += value.map(form) ?? "NULL"
        }
        return out + "}"
    }
}
