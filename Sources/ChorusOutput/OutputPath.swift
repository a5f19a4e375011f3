public import Foundation
import ChorusModel

/// Names output files: `<dir>/date=YYYY-MM-DD/<prefix>-YYYYMMDDTHHMMSSZ.ndjson[.gz]` (UTC) for the
/// date layout, `<dir>/<prefix>-<stamp>.ndjson[.gz]` for the flat one. A name already taken
/// (two runs in one second) gets `-2`, `-3`... before the extension.
public enum OutputPath {
    /// The path for a run that started at `date`.
    public static func make(dir: URL, partitioned: Bool, prefix: String, gzip: Bool, date: Date) -> URL {
        let stamp = RFC3339Compact.parts(date)
        let folder = partitioned ? dir.appendingPathComponent("date=\(stamp.day)") : dir
        let ext = gzip ? "ndjson.gz" : "ndjson"
        var candidate = folder.appendingPathComponent("\(prefix)-\(stamp.compact).\(ext)")
        var n = 2
        while FileManager.default.fileExists(atPath: candidate.path) {
            candidate = folder.appendingPathComponent("\(prefix)-\(stamp.compact)-\(n).\(ext)")
            n += 1
        }
        return candidate
    }

    /// The name to try when `url` is taken: `…Z.ndjson` → `…Z-2.ndjson`, `…Z-2.ndjson` → `…Z-3.ndjson`.
    public static func next(after url: URL) -> URL {
        let name = url.lastPathComponent
        let ext = name.hasSuffix(".ndjson.gz") ? ".ndjson.gz" : name.hasSuffix(".ndjson") ? ".ndjson" : ""
        var base = String(name.dropLast(ext.count))
        var n = 2
        if let dash = base.lastIndex(of: "-"), dash > base.startIndex, base[base.index(before: dash)] == "Z",
           let current = Int(base[base.index(after: dash)...]), current >= 2 {
            n = current + 1
            base = String(base[..<dash])
        }
        return url.deletingLastPathComponent().appendingPathComponent("\(base)-\(n)\(ext)")
    }

    /// True for names that readers should see (`*.ndjson`, `*.ndjson.gz`), false for temporaries.
    public static func isPublished(_ name: String) -> Bool {
        !name.hasPrefix(".") && (name.hasSuffix(".ndjson") || name.hasSuffix(".ndjson.gz"))
    }
}

/// `2026-11-28` and `20261128T234500Z` for an instant, from the RFC 3339 form.
enum RFC3339Compact {
    static func parts(_ date: Date) -> (day: String, compact: String) {
        let full = RFC3339.format(date) // 2026-11-28T23:45:00Z
        let day = String(full.prefix(10))
        let compact = full.filter { $0 != "-" && $0 != ":" }
        return (day, compact)
    }
}
