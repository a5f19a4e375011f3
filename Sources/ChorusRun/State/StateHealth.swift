public import Foundation
import ChorusModel
import GRDB

/// Looks at a state file before a run trusts it. A state that is missing, empty, truncated,
/// garbage, another program's SQLite database, or a fresh one that knows no source, while the
/// output folder already holds this config's files, would make the run deliver every item
/// again (or, for a broken one, fail on every run): the run stops with a message naming the
/// file and the way out instead (docs/ingest.md, "When the state is lost").
public enum StateHealth {
    /// What is wrong with the state file.
    public enum Problem: Sendable, Equatable {
        case missing
        case empty
        /// Not an SQLite database (garbage, another format).
        case notADatabase
        /// An SQLite database without Chorus's tables.
        case foreign
        /// Chorus's tables, but SQLite finds the file damaged (truncated, overwritten pages).
        case corrupt(String)
        /// Chorus's tables, but no source and no pending output: a fresh store.
        case knowsNothing
        /// The path is a folder or cannot be read.
        case unusable(String)

        /// Broken whatever the output folder holds: a run cannot use the file.
        public var isFatal: Bool {
            switch self {
            case .notADatabase, .foreign, .corrupt, .unusable: true
            case .missing, .empty, .knowsNothing: false
            }
        }

        var phrase: String {
            switch self {
            case .missing: "the state file is missing"
            case .empty: "the state file is empty (0 bytes)"
            case .notADatabase: "not an SQLite database (garbage or another format)"
            case .foreign: "an SQLite database without Chorus's tables (another program's file)"
            case .corrupt(let detail): "the state file is damaged (\(detail))"
            case .knowsNothing: "the state knows no source (a fresh or replaced file)"
            case .unusable(let detail): "cannot be used (\(detail))"
            }
        }
    }

    private static let chorusTables: Set<String> = ["source", "seen", "pending_output"]

    /// The state file's problem, or nil when a run can use it. `deep` also runs SQLite's
    /// `quick_check` over every page (what `chorus check` does; a run reads only the header and
    /// the schema).
    public static func inspect(_ path: URL, deep: Bool) -> Problem? {
        var info = stat()
        guard stat(path.path, &info) == 0 else {
            return errno == ENOENT ? .missing : .unusable(String(cString: strerror(errno)))
        }
        if info.st_mode & S_IFMT == S_IFDIR { return .unusable("it is a folder") }
        guard info.st_mode & S_IFMT == S_IFREG else { return .unusable("not a regular file") }
        if info.st_size == 0 { return .empty }
        guard let handle = FileHandle(forReadingAtPath: path.path) else { return .unusable(String(cString: strerror(errno))) }
        let header = (try? handle.read(upToCount: 16)) ?? Data()
        try? handle.close()
        guard header == Data("SQLite format 3\0".utf8) else { return .notADatabase }
        do {
            // A hot journal (a run died mid-commit) is rolled back in a private copy, as the next run will.
            let copy = JournalledCopy(of: path)
            var config = Configuration()
            config.readonly = copy == nil
            let queue = try DatabaseQueue(path: (copy?.url ?? path).path, configuration: config)
            defer { withExtendedLifetime(copy) {} }
            return try queue.read { db -> Problem? in
                if deep {
                    let rows = try String.fetchAll(db, sql: "PRAGMA quick_check")
                    if rows != ["ok"] { return .corrupt(rows.prefix(3).joined(separator: "; ")) }
                }
                let tables = Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'"))
                if tables.isEmpty { return .empty }
                guard chorusTables.isSubset(of: tables) else { return .foreign }
                let known = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM source) OR EXISTS (SELECT 1 FROM pending_output)") ?? false
                return known ? nil : .knowsNothing
            }
        } catch let error as DatabaseError {
            if error.resultCode == .SQLITE_NOTADB { return .notADatabase }
            return .corrupt(error.message ?? "\(error.resultCode)")
        } catch {
            return .corrupt("\(error)")
        }
    }

    /// Why a run must not start with the state at `path` (nil when it may): a problem that is
    /// fatal on its own, or one that would re-deliver everything because `output` already
    /// holds this state's files. The message names the file and what to do.
    /// `existed`: whether the file was there before the run lock (which creates it empty) was
    /// taken, so a missing file is called missing.
    public static func verdict(state path: URL, output: OutputSettings?, deep: Bool = false, existed: Bool = true) -> String? {
        guard var problem = inspect(path, deep: deep) else { return nil }
        if !existed && problem == .empty { problem = .missing }
        let holds = output.map { OutputMarker.holdsFiles(of: path, in: $0) } ?? false
        guard problem.isFatal || holds else { return nil }
        var message = "state: \(path.path): \(problem.phrase)"
        if holds, let output { message += " while \(output.dir.path) already holds this config's output; a run now would deliver every item again" }
        message += ". Restore the file from a backup, or run `chorus ingest --reset-state` to start over"
        message += problem == .missing ? "" : " (the file is kept as \(path.lastPathComponent).unusable-<time>)"
        message += holds ? ": items still in the sources' feeds are then delivered again." : "."
        return message
    }

    /// `--reset-state`, under the run lock: copies an unusable state file aside and empties it
    /// in place (the same file stays locked, see ``RunLock``), and moves its rollback journal
    /// aside, so the run starts with a new store. Returns the copy, nil when the file was empty.
    public static func setAside(_ path: URL, now: Date) throws(StateError) -> URL? {
        var info = stat()
        guard stat(path.path, &info) == 0, info.st_size > 0 else { return nil }
        let stamp = RFC3339.format(now).filter { $0 != "-" && $0 != ":" }
        let aside = path.deletingLastPathComponent().appendingPathComponent("\(path.lastPathComponent).unusable-\(stamp)")
        do {
            try FileManager.default.copyItem(at: path, to: aside)
        } catch {
            throw StateError("state: \(path.path): cannot copy it aside to \(aside.path) (\(error.localizedDescription))")
        }
        _ = rename(path.path + "-journal", aside.path + "-journal")
        guard truncate(path.path, 0) == 0 else {
            throw StateError("state: \(path.path): cannot empty it (\(String(cString: strerror(errno))))")
        }
        return aside
    }
}
