/// Plain text for the small, sanitized HTML subset social APIs send (Mastodon keeps `p`,
/// `br`, `a`, `span` and a few inline and list elements; HN comments use `p`, `a`, `i`,
/// `pre`, `code`), without starting the libxml2 parser: a single scan with the same rules
/// as ``HTMLTextExtractor`` (block elements end a line, inline elements join words,
/// whitespace collapsed by ``TextAccumulator``). Anything outside the subset it is sure of —
/// comments, hidden elements, unknown entities, stray `<` — returns nil and the caller uses
/// the libxml2 path; the tests hold the two to the same output.
struct SocialHTMLText {
    private var out = TextAccumulator(capacity: 512)

    /// The named entities decoded here (others go to libxml2), by name bytes: a few compares,
    /// no String and no hashing (entities are in most feed bodies).
    private static let entities: [(name: StaticString, scalar: Unicode.Scalar)] = [
        ("amp", "&"), ("lt", "<"), ("gt", ">"), ("quot", "\""), ("nbsp", "\u{A0}"), ("mdash", "\u{2014}"), ("ndash", "\u{2013}"),
        ("hellip", "\u{2026}"), ("rsquo", "\u{2019}"), ("lsquo", "\u{2018}"), ("ldquo", "\u{201C}"), ("rdquo", "\u{201D}"),
    ]

    private static func namedEntity(_ body: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar? {
        // `&amp;`, by far the most common, without the table walk.
        if body.count == 3, body[0] == UInt8(ascii: "a"), body[1] == UInt8(ascii: "m"), body[2] == UInt8(ascii: "p") { return "&" }
        for entry in entities where entry.name.utf8CodeUnitCount == body.count {
            let name = entry.name.utf8Start
            var same = true
            for i in 0..<body.count where name[i] != body[i] {
                same = false
                break
            }
            if same { return entry.scalar }
        }
        return nil
    }

    /// The plain text (nil inside when empty), or nil when the fragment needs the full parser.
    mutating func plainText(_ html: String) -> String?? {
        var html = html
        return html.withUTF8 { convert($0) }
    }

    /// The same, from UTF-8 bytes.
    mutating func convert(_ b: UnsafeBufferPointer<UInt8>) -> String?? {
        out.reset()
        var i = 0
        var textStart = 0
        let n = b.count
        while i < n {
            // Eight bytes at a time to the next `<` or `&` (most of a body is text).
            if i + 8 <= n, let base = b.baseAddress {
                let mask = Self.markup(UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)))
                if mask == 0 {
                    i += 8
                    continue
                }
                i += mask.trailingZeroBitCount >> 3
            }
            let c = b[i]
            guard c == UInt8(ascii: "<") || c == UInt8(ascii: "&") else {
                i += 1
                continue
            }
            if textStart < i { out.append(UnsafeBufferPointer(rebasing: b[textStart..<i])) }
            if c == UInt8(ascii: "<") {
                guard let end = tag(b, at: i) else { return nil }
                i = end
            } else {
                guard let end = entity(b, at: i) else { return nil }
                i = end
            }
            textStart = i
        }
        if textStart < n { out.append(UnsafeBufferPointer(rebasing: b[textStart..<n])) }
        return .some(out.string())
    }

    /// A mask with the high bit set in the first byte of `word` (little-endian order) that is
    /// `<` or `&`, and possibly in later bytes; 0 when there is none.
    @inline(__always) private static func markup(_ word: UInt64) -> UInt64 {
        bytes(word, equalTo: 0x3C) | bytes(word, equalTo: 0x26)
    }

    /// A mask with the high bit set in the first byte of `word` equal to `value` (and possibly
    /// in later bytes); 0 when there is none.
    @inline(__always) private static func bytes(_ word: UInt64, equalTo value: UInt8) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        let x = word ^ (ones &* UInt64(value))
        return (x &- ones) & ~x & highs
    }

    /// Handles `<name ...>` or `</name>` at `i`; the index after `>`, or nil to fall back.
    private mutating func tag(_ b: UnsafeBufferPointer<UInt8>, at start: Int) -> Int? {
        var i = start + 1
        if i < b.count, b[i] == UInt8(ascii: "/") { i += 1 }
        let nameStart = i
        while i < b.count, Self.isNameByte(b[i]) { i += 1 }
        guard i > nameStart, i < b.count else { return nil }
        let kind = Self.kind(UnsafeBufferPointer(rebasing: b[nameStart..<i]))
        // Attributes: skip to the closing '>' outside quotes.
        var quote: UInt8 = 0
        while i < b.count {
            // Eight bytes at a time past attribute text: inside quotes to the closing quote,
            // outside them to the next quote, `>` or `<`.
            if i + 8 <= b.count, let base = b.baseAddress {
                let word = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
                let mask = quote != 0 ? Self.bytes(word, equalTo: quote)
                    : Self.bytes(word, equalTo: 0x22) | Self.bytes(word, equalTo: 0x27) | Self.bytes(word, equalTo: 0x3E)
                        | Self.bytes(word, equalTo: 0x3C)
                if mask == 0 {
                    i += 8
                    continue
                }
                i += mask.trailingZeroBitCount >> 3
            }
            let c = b[i]
            if quote != 0 {
                if c == quote { quote = 0 }
            } else if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                quote = c
            } else if c == UInt8(ascii: ">") {
                break
            } else if c == UInt8(ascii: "<") {
                return nil
            }
            i += 1
        }
        guard i < b.count else { return nil }
        if kind == .hidden { return nil }
        out.boundary(kind)
        return i + 1
    }

    /// Decodes `&name;`, `&#NN;` or `&#xHH;` at `i`; the index after `;`, or nil to fall back.
    private mutating func entity(_ b: UnsafeBufferPointer<UInt8>, at start: Int) -> Int? {
        var i = start + 1
        let limit = min(b.count, start + 12)
        while i < limit, b[i] != UInt8(ascii: ";") { i += 1 }
        guard i < limit, i > start + 1 else { return nil }
        let body = UnsafeBufferPointer(rebasing: b[(start + 1)..<i])
        var scalar: Unicode.Scalar?
        if body[0] == UInt8(ascii: "#") {
            var value: UInt32 = 0
            let hex = body.count > 1 && (body[1] | 0x20) == UInt8(ascii: "x")
            let digits = body.dropFirst(hex ? 2 : 1)
            guard !digits.isEmpty, digits.count <= 6 else { return nil }
            for d in digits {
                guard let v = hex ? JSONReader.hexValue(d) : (d >= 48 && d <= 57 ? UInt32(d - 48) : nil) else { return nil }
                value = value * (hex ? 16 : 10) + v
            }
            // Controls and C1 code points get special treatment in HTML parsers: leave them to libxml2.
            guard value >= 0x20, !(0x7F...0x9F).contains(value) else { return nil }
            scalar = Unicode.Scalar(value)
        } else {
            scalar = Self.namedEntity(body)
        }
        guard let scalar else { return nil }
        out.append(scalar: scalar.value)
        return i + 1
    }

    /// The element kind, with the names social HTML is made of decided without hashing.
    private static func kind(_ name: UnsafeBufferPointer<UInt8>) -> HTMLElementKind {
        let lower = { (i: Int) in name[i] | 0x20 }
        switch name.count {
        case 1 where lower(0) == UInt8(ascii: "p"): return .block
        case 1 where lower(0) == UInt8(ascii: "a"): return .inline
        case 2 where lower(0) == UInt8(ascii: "b") && lower(1) == UInt8(ascii: "r"): return .block
        case 4 where lower(0) == UInt8(ascii: "s") && lower(1) == UInt8(ascii: "p") && lower(2) == UInt8(ascii: "a") && lower(3) == UInt8(ascii: "n"):
            return .inline
        default:
            var text = ""
            for c in name { text.unicodeScalars.append(Unicode.Scalar(c | (c >= 65 && c <= 90 ? 0x20 : 0))) }
            return HTMLElementKind(lowercased: text)
        }
    }

    private static func isNameByte(_ c: UInt8) -> Bool {
        (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57)
    }
}
