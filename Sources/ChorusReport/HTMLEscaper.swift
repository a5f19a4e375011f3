/// Escapes text for HTML and XML text and attribute values. Every string that comes from an
/// item (titles, texts, names, links, rules) is hostile input and goes through here; the
/// output is also well-formed XML, so `xmllint` can check the page and its SVG.
enum HTMLEscaper {
    /// `&`, `<`, `>`, `"` and `'` as entities; control characters (invalid in XML) dropped.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                // XML 1.0 forbids C0 controls, and U+FFFE/U+FFFF.
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// The link when it is an absolute http or https URL that is safe in an `href`, else nil
    /// (a `javascript:` or `data:` link from an item is shown as text, never made clickable).
    static func safeLink(_ url: String?) -> String? {
        guard let url, url.count <= 2048 else { return nil }
        let lower = url.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://") else { return nil }
        guard !url.unicodeScalars.contains(where: { $0.value <= 0x20 || $0 == "\"" || $0 == "<" || $0 == ">" || $0 == "`" }) else { return nil }
        return url
    }
}
