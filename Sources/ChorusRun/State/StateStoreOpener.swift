public import Foundation

/// Opens the state store the config names: SQLite at `state.path`, or PostgreSQL at
/// `state.url`. Only the PostgreSQL branch touches libpq (loaded on first use), so a SQLite
/// config never loads it.
public enum StateStoreOpener {
    /// The store; read-only for a dry run. In a shared PostgreSQL store, this machine's
    /// output folder owns its pending outputs (`host:folder`: two workers on one host, each
    /// with its own folder, reconcile only their own files).
    public static func open(_ settings: StateSettings, readOnly: Bool) throws(StateError) -> any StateStore {
        guard let url = settings.url else { return try SQLiteStateStore(path: settings.path, readOnly: readOnly) }
        // `path` is <output.dir>/.chorus/run for a PostgreSQL state.
        let folder = settings.path.deletingLastPathComponent().deletingLastPathComponent().path
        return try PostgresStateStore(
            url: url, password: settings.password, owner: "\(ProcessInfo.processInfo.hostName):\(folder)", table: settings.table,
            readOnly: readOnly)
    }

    /// For `chorus check`: connects to a PostgreSQL state and says which schema version it is
    /// at, or why it cannot be used. Nil for a SQLite state (``StateHealth`` checks the file).
    public static func check(_ settings: StateSettings) -> Result<String, StateError>? {
        guard let url = settings.url else { return nil }
        do {
            let store = try PostgresStateStore(url: url, password: settings.password, readOnly: true)
            let version = try store.schemaVersion()
            let current = PostgresSchema.current
            let shown = PostgresStateStore.redacted(url)
            if version > current {
                return .failure(StateError("state: postgres: \(shown): schema version \(version) is newer than this chorus knows (\(current)); upgrade chorus"))
            }
            let note = version == current ? "current" : "a run upgrades it to \(current)"
            return .success("state: postgres: \(shown): connected, schema version \(version) (\(note))")
        } catch {
            return .failure(error)
        }
    }
}
