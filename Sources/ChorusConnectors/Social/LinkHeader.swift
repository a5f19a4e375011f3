/// Reads an RFC 8288 `Link` header (`<url>; rel="next", <url>; rel="prev"`) into a map from
/// relation type to URL, as Mastodon sends for pagination.
enum LinkHeader {
    static func parse(_ value: String?) -> [String: String] {
        guard let value else { return [:] }
        var links: [String: String] = [:]
        var rest = Substring(value)
        while let open = rest.firstIndex(of: "<"), let close = rest[open...].firstIndex(of: ">") {
            let target = String(rest[rest.index(after: open)..<close])
            var params = rest[rest.index(after: close)...]
            // Parameters run up to the next link (a comma outside quotes).
            var end = params.endIndex
            var quoted = false
            for i in params.indices {
                if params[i] == "\"" { quoted.toggle() }
                if params[i] == ",", !quoted { end = i; break }
            }
            rest = end < params.endIndex ? params[params.index(after: end)...] : ""
            params = params[..<end]
            for param in params.split(separator: ";") {
                let parts = param.split(separator: "=", maxSplits: 1)
                guard parts.count == 2, parts[0].trimmed(" \t").lowercased() == "rel" else { continue }
                let rels = parts[1].trimmed(" \t\"")
                for rel in rels.split(separator: " ") where links[String(rel)] == nil { links[String(rel)] = target }
            }
        }
        return links
    }
}

/// Trimming by a set of characters given as a string, for header parsing.
extension Substring {
    func trimmed(_ set: String) -> String {
        var s = self
        while let f = s.first, set.contains(f) { s.removeFirst() }
        while let l = s.last, set.contains(l) { s.removeLast() }
        return String(s)
    }
}
