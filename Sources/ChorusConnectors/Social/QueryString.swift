/// Builds request URLs: a base without its trailing slash, a path, and query parameters
/// percent-encoded per RFC 3986 (everything but unreserved characters is escaped).
enum QueryString {
    /// `base` + `path` + `?k=v&...` (pairs in the given order; nil values left out).
    static func url(_ base: String, _ path: String, _ query: [(String, String?)]) -> String {
        var url = base
        while url.hasSuffix("/") { url.removeLast() }
        url += path
        let pairs = query.compactMap { key, value in value.map { "\(encode(key))=\(encode($0))" } }
        if !pairs.isEmpty { url += (url.contains("?") ? "&" : "?") + pairs.joined(separator: "&") }
        return url
    }

    /// Percent-encodes all but `A-Z a-z 0-9 - . _ ~`.
    static func encode(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for b in text.utf8 {
            switch b {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.append(b)
            default:
                out.append(UInt8(ascii: "%"))
                out.append(hex[Int(b >> 4)])
                out.append(hex[Int(b & 0x0F)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
