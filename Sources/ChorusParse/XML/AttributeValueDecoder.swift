import CLibXML2Shim

/// Finishes decoding an attribute value as libxml2's SAX2 parser hands it over without entity
/// substitution: it writes every `&amp;` (and `&#38;`, `&#x26;`) as the five bytes `&#38;`,
/// and leaves a reference to an HTML entity as `&name;` (see ``HTMLEntityTable/reference(_:)``).
/// Both are decoded here in one pass, so `href="?a=1&amp;b=2"` gives `?a=1&b=2` and a
/// decoded `&` is never decoded again; a reference to no known entity stays as written.
enum AttributeValueDecoder {
    /// The decoded value of the libxml2 attribute bytes.
    static func decode(_ raw: UnsafeBufferPointer<UInt8>) -> String {
        guard let amp = raw.firstIndex(of: UInt8(ascii: "&")) else { return String(decoding: raw, as: UTF8.self) }
        return rewrite(raw, from: amp) { scalar, out in out.append(contentsOf: String(Character(scalar)).utf8) }
    }

    /// The value as Chorus wrote it before it decoded attributes, when that differs from
    /// ``decode(_:)``: `&#38;` kept, an HTML entity cut to the first byte of its UTF-8 (what
    /// libxml2 inlined then). Used only to find the id an item had then (docs/schema.md); a
    /// reference to no known entity, which libxml2 dropped then, is not reproduced.
    static func former(_ raw: UnsafeBufferPointer<UInt8>) -> String? {
        guard let amp = raw.firstIndex(of: UInt8(ascii: "&")) else { return nil }
        var literal = false
        let old = rewrite(raw, from: amp) { scalar, out in
            if scalar == "&" {
                out.append(contentsOf: "&#38;".utf8)
                literal = true
            } else if let first = String(Character(scalar)).utf8.first {
                out.append(first)
            }
        }
        return literal || old != decode(raw) ? old : nil
    }

    /// Copies `raw`, handing each reference's character to `emit`; a reference to no known
    /// entity is copied as written.
    private static func rewrite(_ raw: UnsafeBufferPointer<UInt8>, from amp: Int,
                                _ emit: (Unicode.Scalar, inout [UInt8]) -> Void) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        out.append(contentsOf: raw[..<amp])
        var i = amp
        while i < raw.count {
            let c = raw[i]
            if c == UInt8(ascii: "&"), let (scalar, end) = reference(raw, at: i) {
                emit(scalar, &out)
                i = end
            } else {
                out.append(c)
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The character of `&#NN;`, `&#xHH;` or `&name;` at `start`, and the index after `;`.
    private static func reference(_ b: UnsafeBufferPointer<UInt8>, at start: Int) -> (Unicode.Scalar, Int)? {
        var i = start + 1
        let limit = min(b.count, start + 34)
        while i < limit, b[i] != UInt8(ascii: ";") { i += 1 }
        guard i < limit, i > start + 1 else { return nil }
        let body = UnsafeBufferPointer(rebasing: b[(start + 1)..<i])
        if body[0] == UInt8(ascii: "#") {
            let hex = body.count > 1 && (body[1] | 0x20) == UInt8(ascii: "x")
            let digits = body.dropFirst(hex ? 2 : 1)
            guard !digits.isEmpty, digits.count <= 7 else { return nil }
            var value: UInt32 = 0
            for d in digits {
                let v: UInt32
                switch d {
                case 48...57: v = UInt32(d - 48)
                case 97...102 where hex: v = UInt32(d - 87)
                case 65...70 where hex: v = UInt32(d - 55)
                default: return nil
                }
                value = value * (hex ? 16 : 10) + v
            }
            guard value > 0, let scalar = Unicode.Scalar(value) else { return nil }
            return (scalar, i + 1)
        }
        for c in body where !(c >= 48 && c <= 57 || c >= 65 && c <= 90 || c >= 97 && c <= 122) { return nil }
        var name = Array(body)
        name.append(0)
        let found: Unicode.Scalar? = name.withUnsafeBufferPointer { p in
            guard let base = p.baseAddress else { return nil }
            let predefined = chorus_xml_predefined_entity_char(base)
            if predefined != 0 { return Unicode.Scalar(predefined) }
            let html = chorus_html_entity_value(base)
            return html == 0 ? nil : Unicode.Scalar(html)
        }
        return found.map { ($0, i + 1) }
    }
}
