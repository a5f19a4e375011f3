/// How the XML reader treats a document's bytes, decided from its first bytes (at least the
/// XML declaration) and the HTTP charset before libxml2 starts:
/// - `utf8`: read as UTF-8 (declared so, or nothing declared), through ``UTF8InputFilter``.
/// - `utf8Instead`: declared ISO-8859-1 (or ASCII) but the bytes are mostly UTF-8 (more valid
///   multi-byte sequences than bytes that fit none): read as UTF-8, so `Brøndby` does not
///   become `BrÃ¸ndby`; a stray Latin-1 byte is repaired as Windows-1252.
/// - `windows1252Instead`: declared ISO-8859-1 but holding bytes 0x80–0x9F, which are C1
///   controls in ISO-8859-1 and quotes and dashes in Windows-1252 (what such feeds mean; the
///   WHATWG encoding standard reads the label the same way).
/// - `asDeclared`: anything else (a BOM, an HTTP charset, another declared encoding): libxml2
///   decides, as before.
enum EncodingPlan: Equatable {
    case utf8, utf8Instead, windows1252Instead, asDeclared

    static func decide(_ head: UnsafeRawBufferPointer, httpCharset: String?) -> EncodingPlan {
        if XMLPushParser.hasBOM(head) {
            return head.count >= 3 && head[0] == 0xEF ? .utf8 : .asDeclared
        }
        if let httpCharset { return isUTF8(httpCharset.lowercased()) ? .utf8 : .asDeclared }
        guard let declared = declaredEncoding(head) else { return .utf8 }
        if isUTF8(declared) { return .utf8 }
        guard ["iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "iso_8859-1", "us-ascii", "ascii"].contains(declared) else {
            return .asDeclared
        }
        var multibyte = 0, invalid = 0
        var c1 = false
        var i = 0
        // The first 256 KiB decide (a whole large document need not be scanned twice).
        let head = Array(UnsafeRawBufferPointer(rebasing: head[0..<min(head.count, 256 << 10)]))
        while i < head.count {
            let c = head[i]
            if c < 0x80 { i += 1; continue }
            let n = UTF8Repair.sequenceLength(head, i)
            if n == 0 {
                // A sequence cut by the end of what was read proves nothing either way.
                if head.count - i < 4 { break }
                if (0x80...0x9F).contains(c) { c1 = true }
                invalid += 1
                i += 1
            } else {
                multibyte += 1
                i += n
            }
        }
        // Mostly UTF-8 (a feed that pastes UTF-8 items into a Latin-1 template): read as UTF-8,
        // the odd Latin-1 byte repaired as Windows-1252 by the input filter.
        if multibyte > invalid { return .utf8Instead }
        return c1 ? .windows1252Instead : .asDeclared
    }

    private static func isUTF8(_ name: String) -> Bool { name == "utf-8" || name == "utf8" }

    /// The lower-cased `encoding` of an XML declaration at the start (after blanks), or nil.
    static func declaredEncoding(_ b: UnsafeRawBufferPointer) -> String? {
        var i = 0
        while i < b.count, b[i] == 0x20 || b[i] == 0x0A || b[i] == 0x0D || b[i] == 0x09 { i += 1 }
        let limit = min(b.count, i + 512)
        guard limit - i > 5, b[i] == UInt8(ascii: "<"), b[i + 1] == UInt8(ascii: "?"), b[i + 2] | 0x20 == UInt8(ascii: "x"),
              b[i + 3] | 0x20 == UInt8(ascii: "m"), b[i + 4] | 0x20 == UInt8(ascii: "l") else { return nil }
        var end = i + 5
        while end + 1 < limit, !(b[end] == UInt8(ascii: "?") && b[end + 1] == UInt8(ascii: ">")) { end += 1 }
        let decl = String(decoding: UnsafeRawBufferPointer(rebasing: b[i..<end]), as: UTF8.self).lowercased()
        guard let key = decl.range(of: "encoding") else { return nil }
        var rest = decl[key.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        rest = rest.dropFirst()
        guard let close = rest.firstIndex(of: quote) else { return nil }
        return String(rest[..<close].filter { $0 != " " })
    }
}
