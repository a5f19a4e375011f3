import Foundation

/// The source name `chorus parse` gives a file when no `--source` is set: the file name
/// without its extension (`Samples/reuters-zte.rss` → `reuters-zte`), exactly as
/// `NSString.lastPathComponent` then `deletingPathExtension` name it.
public enum SourceName {
    /// The name for `path`; `-` (stdin) is `stdin`.
    public static func forFile(_ path: String) -> String {
        if path == "-" { return "stdin" }
        if let quick = plain(path) { return quick }
        let base = (path as NSString).lastPathComponent
        let stem = (base as NSString).deletingPathExtension
        return stem.isEmpty ? base : stem
    }

    /// The same name without Foundation for the usual paths: printable ASCII without spaces,
    /// not ending in `/`, the file name not starting with `.`. The name is what follows the last `/`, cut at its last `.` when
    /// that dot is not the first byte. Anything else returns nil (Foundation decides).
    static func plain(_ path: String) -> String? {
        var path = path
        return path.withUTF8 { bytes -> String? in
            guard let lastByte = bytes.last, lastByte != UInt8(ascii: "/") else { return nil }
            var slash = -1
            var dot = -1
            for (i, c) in bytes.enumerated() {
                guard c > 0x20, c < 0x7F else { return nil }
                if c == UInt8(ascii: "/") { slash = i; dot = -1 } else if c == UInt8(ascii: ".") { dot = i }
            }
            let start = slash + 1
            // Names starting with a dot (`.profile`, `..`) have Foundation's own rules.
            guard start < bytes.count, bytes[start] != UInt8(ascii: ".") else { return nil }
            let end = dot > start ? dot : bytes.count
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        }
    }
}
