import CPQShim
import Foundation

/// One libpq connection, owned: opened in `init`, closed in `deinit`. Not thread-safe (libpq's
/// rule): ``PostgresStateStore`` keeps it behind a mutex. Parameters and results travel as text,
/// so every value is bound the way `psql` would write it; `nil` is SQL NULL.
final class PostgresConnection {
    /// The libpq handle; never nil after a successful `init`.
    private let conn: OpaquePointer
    /// What libpq said when the connection was lost (the server restarted or stopped, the
    /// network cut): every later statement fails with this first cause, where libpq would only
    /// say "no connection to the server". A lost connection is never reopened: the run stops.
    private var lostBecause: String?

    /// Connects to `url` (a libpq connection URI or `key=value` string). `password`, when
    /// given, overrides the URL's; else libpq reads PGPASSWORD or ~/.pgpass. `sslmode` and the
    /// other PG* variables apply as libpq reads them.
    init(url: String, password: String?) throws(PostgresError) {
        if let error = chorus_pq_load_error() { throw PostgresError(String(cString: error)) }
        // Keywords before `dbname` are defaults the URL may override; those after it override the URL.
        // Notices (such as "relation already exists, skipping") stay off stderr.
        var pairs: [(String, String)] = [
            ("connect_timeout", "10"), ("fallback_application_name", "chorus"), ("options", "-c client_min_messages=warning"),
            ("dbname", url),
        ]
        if let password { pairs.append(("password", password)) }
        let keywords = pairs.map { strdup($0.0) }
        let values = pairs.map { strdup($0.1) }
        defer { (keywords + values).forEach { free($0) } }
        let handle = (keywords.map { UnsafePointer($0) } + [nil]).withUnsafeBufferPointer { k in
            (values.map { UnsafePointer($0) } + [nil]).withUnsafeBufferPointer { v in
                chorus_PQconnectdbParams(k.baseAddress, v.baseAddress, 1)
            }
        }
        guard let handle else { throw PostgresError("cannot connect (out of memory)") }
        guard chorus_PQstatus(handle) == CONNECTION_OK else {
            let message = Self.oneLine(chorus_PQerrorMessage(handle))
            chorus_PQfinish(handle)
            throw PostgresError("cannot connect: \(message)")
        }
        conn = handle
    }

    deinit { chorus_PQfinish(conn) }

    /// The server's version as a number (150004 for 15.4).
    var serverVersion: Int { Int(chorus_PQserverVersion(conn)) }

    /// Runs one statement with text parameters (`$1`, `$2`, ...) and returns its rows as text.
    @discardableResult
    func execute(_ sql: String, _ parameters: [String?] = []) throws(PostgresError) -> PostgresRows {
        let values = parameters.map { $0.map { strdup($0) } ?? nil }
        defer { values.forEach { free($0) } }
        let result = values.map { UnsafePointer($0) }.withUnsafeBufferPointer { v in
            chorus_PQexecParams(conn, sql, Int32(v.count), nil, v.baseAddress, nil, nil, 0)
        }
        defer { chorus_PQclear(result) }
        try check(result)
        guard let result else { return PostgresRows(rows: []) }
        var rows: [[String?]] = []
        let count = chorus_PQntuples(result), fields = chorus_PQnfields(result)
        rows.reserveCapacity(Int(count))
        for r in 0..<count {
            var row: [String?] = []
            row.reserveCapacity(Int(fields))
            for f in 0..<fields {
                if chorus_PQgetisnull(result, r, f) != 0 {
                    row.append(nil)
                } else if let text = chorus_PQgetvalue(result, r, f) {
                    row.append(String(cString: text))
                } else {
                    row.append(nil)
                }
            }
            rows.append(row)
        }
        return PostgresRows(rows: rows)
    }

    /// Runs several statements separated by `;` (no parameters: the simple query protocol).
    func executeScript(_ sql: String) throws(PostgresError) {
        let result = chorus_PQexec(conn, sql)
        defer { chorus_PQclear(result) }
        try check(result)
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    func transaction<T>(_ body: () throws(PostgresError) -> T) throws(PostgresError) -> T {
        try execute("BEGIN")
        do {
            let value = try body()
            try execute("COMMIT")
            return value
        } catch {
            _ = try? execute("ROLLBACK")
            throw error
        }
    }

    /// Throws the server's or libpq's error unless `result` says the statement succeeded.
    private func check(_ result: OpaquePointer?) throws(PostgresError) {
        guard let result else { throw lost(PostgresError(Self.oneLine(chorus_PQerrorMessage(conn)))) }
        let status = chorus_PQresultStatus(result)
        guard status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK else {
            let state = chorus_PQresultErrorField(result, Int32(UInt8(ascii: "C"))).map { String(cString: $0) }
            var message = Self.oneLine(chorus_PQresultErrorMessage(result))
            if message.isEmpty { message = Self.oneLine(chorus_PQerrorMessage(conn)) }
            throw lost(PostgresError(message, sqlState: state))
        }
    }

    /// `error`, or, once the connection is gone, "connection lost: " and the first cause.
    private func lost(_ error: PostgresError) -> PostgresError {
        guard chorus_PQstatus(conn) != CONNECTION_OK else { return error }
        if lostBecause == nil { lostBecause = error.message }
        var gone = error
        gone.message = "connection lost: \(lostBecause ?? error.message)"
        gone.connectionLost = true
        return gone
    }

    /// A libpq message (which may span lines and end with one) as one line.
    private static func oneLine(_ text: UnsafePointer<CChar>?) -> String {
        guard let text else { return "" }
        return String(cString: text).split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: "; ")
    }
}

/// The rows of a query, every value as PostgreSQL's text output (nil for NULL).
struct PostgresRows {
    var rows: [[String?]]

    /// The first column of the first row, if any.
    var scalar: String? { rows.first?.first ?? nil }
}

/// libpq or the server refused: the message (one line, never holding the password) and the
/// SQLSTATE code when the server sent one.
struct PostgresError: Error, Sendable, CustomStringConvertible {
    var message: String
    var sqlState: String?
    /// The connection was lost: a statement sent may have been committed all the same.
    var connectionLost = false

    init(_ message: String, sqlState: String? = nil) {
        self.message = message
        self.sqlState = sqlState
    }

    var description: String { message }
}
