public import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds the NDJSON files a report reads: every `*.ndjson` and `*.ndjson.gz` under an output
/// folder, at any depth (so both `output.layout: flat` and `date` folders are covered), hidden
/// names (a writer's temporaries) skipped; or the files that `--input` globs match.
public enum ReportInputs {
    /// True for a name a report reads.
    public static func isNDJSON(_ name: String) -> Bool {
        !name.hasPrefix(".") && (name.hasSuffix(".ndjson") || name.hasSuffix(".ndjson.gz") || name.hasSuffix(".jsonl") || name.hasSuffix(".jsonl.gz"))
    }

    /// Every NDJSON file under `folder`, sorted by path.
    public static func files(under folder: URL) throws(ReportError) -> [String] {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDir), isDir.boolValue else {
            throw ReportError("\(folder.path): no such folder (the output folder has no files yet?)")
        }
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles]) else {
            throw ReportError("\(folder.path): cannot list the folder")
        }
        var found: [String] = []
        for case let url as URL in walker where isNDJSON(url.lastPathComponent) {
            if (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true { found.append(url.path) }
        }
        return found.sorted()
    }

    /// The files `patterns` name: `-` (standard input), a folder (searched like an output
    /// folder), a file, or a glob (`out/date=2018-05-*/*.ndjson`). A pattern that matches
    /// nothing is an error.
    public static func files(matching patterns: [String]) throws(ReportError) -> [String] {
        var out: [String] = []
        for pattern in patterns {
            if pattern == "-" { out.append("-"); continue }
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: pattern, isDirectory: &isDir) {
                out += isDir.boolValue ? try files(under: URL(fileURLWithPath: pattern)) : [pattern]
                continue
            }
            let matched = expand(pattern)
            guard !matched.isEmpty else { throw ReportError("\(pattern): no file matches") }
            out += matched
        }
        return out
    }

    /// glob(3) matches of `pattern`, sorted.
    private static func expand(_ pattern: String) -> [String] {
        var result = glob_t()
        defer { globfree(&result) }
        guard glob(pattern, 0, nil, &result) == 0 else { return [] }
        return (0..<Int(result.gl_pathc)).compactMap { i in result.gl_pathv[i].map { String(cString: $0) } }.sorted()
    }
}
