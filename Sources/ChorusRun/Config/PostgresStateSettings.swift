import Yams

/// Reads `state.url` and `state.password`, the keys of a PostgreSQL state. The URL is libpq's
/// (`postgres://` or `postgresql://`; host, port, database, `?sslmode=`...); `path` means SQLite
/// and cannot be given with it; the password belongs in `state.password` (`${VAR}`), PGPASSWORD
/// or ~/.pgpass, never in the URL, so that it is not shown with the URL.
enum PostgresStateSettings {
    static func read(_ m: [String: (key: Node, value: Node)], urlNode: Node, reader: ConfigReader) -> (url: String, password: String?)? {
        if let n = m["path"]?.key {
            reader.problem(n, "state: give 'path' (an SQLite file) or 'url' (PostgreSQL), not both")
        }
        guard let url = reader.nonEmptyString(urlNode, at: "state.url") else { return nil }
        guard url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") else {
            reader.problem(urlNode, "state.url: must start with postgres:// or postgresql://")
            return nil
        }
        if PostgresStateStore.redacted(url) != url {
            reader.problem(urlNode, "state.url: holds a password; put it in state.password (\"${VAR}\"), PGPASSWORD or ~/.pgpass")
            return nil
        }
        var password: String?
        if let n = m["password"]?.value {
            guard let p = reader.string(n, at: "state.password") else { return nil }
            password = p
        }
        return (url, password)
    }
}
