import Foundation
import CLibXML2

/// Resolves relative links against a base URL (RFC 3986) with libxml2's `xmlBuildURI`, except
/// that a link holding percent-escapes goes through Foundation's `URL`, which keeps them as
/// written (`xmlBuildURI` turns `%26` into `&`); absolute http(s) links are returned as they
/// are, trimmed.
enum LinkResolver {
    static func resolve(_ link: String, against base: String?) -> String {
        let trimmed = link.utf8.first.map(isBlank) == true || link.utf8.last.map(isBlank) == true
            ? link.trimmingCharacters(in: .whitespacesAndNewlines) : link
        if trimmed.hasPrefix("https://") || trimmed.hasPrefix("http://") { return trimmed }
        guard let base, !base.isEmpty else { return trimmed }
        // Only a link with percent-escapes needs Foundation (several times slower per link).
        if trimmed.utf8.contains(UInt8(ascii: "%")), let baseURL = URL(string: base),
           let resolved = URL(string: trimmed, relativeTo: baseURL) {
            return resolved.absoluteString
        }
        guard let built = xmlBuildURI(trimmed, base) else { return trimmed }
        defer { chorus_xml_free(built) }
        return String(cString: built)
    }

    @inline(__always) private static func isBlank(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D }
}
