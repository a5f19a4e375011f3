public import Foundation

/// What `chorus check` verifies beyond the config text: that the run could use its paths (the
/// output folder, the state folder and file) and that the state is healthy (``StateHealth``,
/// with SQLite's page check). Each problem is one line naming the path.
public enum RunPreflight {
    /// Every problem found, empty when a run could start.
    public static func problems(_ config: ChorusConfig) -> [String] {
        var out: [String] = []
        if let p = folderProblem(config.output.dir, "output") { out.append(p) }
        if let p = folderProblem(config.state.path.deletingLastPathComponent(), "state") { out.append(p) }
        if let p = stateFileProblem(config) { out.append(p) }
        if let check = StateStoreOpener.check(config.state) {
            if case .failure(let error) = check { out.append(error.message) }
        } else if let p = StateHealth.verdict(state: config.state.path, output: config.output, deep: true) {
            out.append(p)
        }
        return out
    }

    /// The first path a real run could not write to (the output folder unless items go to
    /// stdout, the state folder, an SQLite state file), checked before anything is fetched; nil
    /// when all are usable.
    public static func unwritablePath(_ config: ChorusConfig, toStdout: Bool) -> String? {
        (toStdout ? nil : folderProblem(config.output.dir, "output"))
            ?? folderProblem(config.state.path.deletingLastPathComponent(), "state")
            ?? stateFileProblem(config)
    }

    /// An existing SQLite state file the run could read but not write (its commit would fail
    /// after every source was fetched). Nil for a PostgreSQL state, a missing file, or a
    /// directory (``StateHealth`` names that).
    static func stateFileProblem(_ config: ChorusConfig) -> String? {
        let path = config.state.path.path
        var info = stat()
        guard config.state.url == nil, stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        guard access(path, R_OK | W_OK) == 0 else { return "state: \(path) is not writable (\(String(cString: strerror(errno))))" }
        return nil
    }

    /// Lines about sources the circuit breaker holds (quarantined, or with strikes), from a
    /// healthy state: not failures of the config, but what cron should mail.
    public static func notices(_ config: ChorusConfig, now: Date = Date()) -> [String] {
        guard FileManager.default.fileExists(atPath: config.state.path.path),
              let store = try? SQLiteStateStore(path: config.state.path, readOnly: true),
              let records = try? store.breakerRecords() else { return [] }
        return records.values.sorted { $0.name < $1.name }.map { r in
            if let cause = SourceBreaker.quarantined(r, now: now) { return "source \(r.name): \(cause)" }
            return "source \(r.name): \(r.strikes) strike\(r.strikes == 1 ? "" : "s") of \(SourceBreaker.strikeLimit) (\(r.cause)); it runs alone first next time"
        }
    }

    /// Why `dir` cannot hold files: it is a file, it cannot be written, or the folder it would
    /// be created in cannot be written. Nil when usable.
    static func folderProblem(_ dir: URL, _ role: String) -> String? {
        var info = stat()
        if stat(dir.path, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFDIR else { return "\(role): \(dir.path) is not a folder (a file is in the way)" }
            guard access(dir.path, W_OK | X_OK) == 0 else { return "\(role): \(dir.path) is not writable (\(String(cString: strerror(errno))))" }
            return nil
        }
        guard errno == ENOENT else { return "\(role): \(dir.path) cannot be used (\(String(cString: strerror(errno))))" }
        // Missing: the run creates it, so the nearest existing ancestor must be a writable folder.
        var parent = dir.deletingLastPathComponent()
        while parent.path != "/" && stat(parent.path, &info) != 0 { parent = parent.deletingLastPathComponent() }
        guard info.st_mode & S_IFMT == S_IFDIR else { return "\(role): \(dir.path) cannot be created: \(parent.path) is not a folder" }
        guard access(parent.path, W_OK | X_OK) == 0 else { return "\(role): \(dir.path) cannot be created in \(parent.path) (\(String(cString: strerror(errno))))" }
        return nil
    }
}
