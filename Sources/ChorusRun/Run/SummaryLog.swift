import Foundation

/// The run summary log (`runs.log`): one JSON line per run, appended with one `write(2)` under
/// `O_APPEND`, and bounded by size: before a line would take the file past its limit, the file
/// is renamed to `runs.log.1` (`.1` to `.2`, and so on; the oldest beyond `keep` is dropped)
/// and a new one is started. Renaming never copies or truncates, so no line is lost or split,
/// and a reader following the file by name (`tail -F`) sees every line. Runs append under the
/// run lock, so two never rotate at once.
enum SummaryLog {
    /// Rotated files kept besides the live one.
    static let keep = 5

    /// Appends `line` (newline included), rotating first when needed. Failures are logged,
    /// never fatal: the state is already committed.
    static func append(_ line: String, to url: URL, maxBytes: Int, report: (String) -> Void) {
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let bytes = Array(line.utf8)
        var info = stat()
        if stat(url.path, &info) == 0, info.st_size > 0, Int(info.st_size) + bytes.count > maxBytes {
            rotate(url, report: report)
        }
        let fd = open(url.path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            report("run: cannot append the run summary to \(url.path) (\(String(cString: strerror(errno))))")
            return
        }
        defer { close(fd) }
        if bytes.withUnsafeBytes({ write(fd, $0.baseAddress, $0.count) }) != bytes.count {
            report("run: cannot append the run summary to \(url.path) (\(String(cString: strerror(errno))))")
        }
    }

    /// `runs.log.N-1` → `runs.log.N`, …, `runs.log` → `runs.log.1`.
    static func rotate(_ url: URL, report: (String) -> Void) {
        for n in stride(from: keep - 1, through: 1, by: -1) {
            let from = "\(url.path).\(n)"
            if rename(from, "\(url.path).\(n + 1)") != 0 && errno != ENOENT {
                report("run: cannot rotate \(from) (\(String(cString: strerror(errno))))")
            }
        }
        if rename(url.path, "\(url.path).1") != 0 {
            report("run: cannot rotate \(url.path) (\(String(cString: strerror(errno))))")
        }
    }
}
