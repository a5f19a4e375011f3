import Foundation

/// A private copy of a state file and its hot rollback journal (a run died mid-commit).
/// SQLite repairs such a file on the next read-write open; a read-only open cannot and fails.
/// Readers that must not write (a dry run, ``StateHealth``, `chorus check`) open this copy
/// read-write instead: SQLite rolls the journal back into the copy, and they see the state as
/// the next real run will, while the original is left for that run to repair.
final class JournalledCopy: Sendable {
    let url: URL
    private let folder: URL

    /// A copy when `path` has a non-empty `-journal` beside it, else nil (open the file itself).
    init?(of path: URL) {
        var info = stat()
        guard stat(path.path + "-journal", &info) == 0, info.st_size > 0 else { return nil }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("chorus-state-\(getpid())-\(UUID().uuidString)")
        let url = folder.appendingPathComponent(path.lastPathComponent)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: path.path, toPath: url.path)
            try FileManager.default.copyItem(atPath: path.path + "-journal", toPath: url.path + "-journal")
        } catch {
            try? FileManager.default.removeItem(at: folder)
            return nil
        }
        self.url = url
        self.folder = folder
    }

    deinit { try? FileManager.default.removeItem(at: folder) }
}
