import GRDB
import GRDBSQLite

/// Inserts seen records through one prepared statement, binding with SQLite's C API: GRDB's
/// `execute(arguments:)` builds an array of existential values per row, which made binding
/// most of the state-writing time of a run with 20,000 new items (the writes happen after
/// every source is done, so the whole run waited for them). The statement's parameters are
/// the optional leading text (`temp_path` of `pending_seen`), then id, source, first_seen,
/// last_seen, content_hash, updated_at, revision. Stepping the statement directly bypasses
/// GRDB's execution hooks (transaction observers would not see these rows; the store has none).
struct SeenRowWriter {
    let statement: Statement
    let db: Database

    func insert(_ records: [SeenRecord], leading: String? = nil) throws {
        let stmt = statement.sqliteStatement
        let first: Int32 = leading == nil ? 1 : 2
        for r in records {
            sqlite3_reset(stmt)
            if let leading { try bind(leading, at: 1) }
            try bind(r.id, at: first)
            try bind(r.source, at: first + 1)
            try check(sqlite3_bind_double(stmt, first + 2, r.firstSeen.timeIntervalSince1970))
            try check(sqlite3_bind_double(stmt, first + 3, r.lastSeen.timeIntervalSince1970))
            try bind(r.contentHash, at: first + 4)
            if let updated = r.updatedAt {
                try check(sqlite3_bind_double(stmt, first + 5, updated.timeIntervalSince1970))
            } else {
                try check(sqlite3_bind_null(stmt, first + 5))
            }
            try check(sqlite3_bind_int64(stmt, first + 6, Int64(r.revision)))
            let rc = sqlite3_step(stmt)
            if rc != SQLITE_DONE { throw failure(rc) }
        }
        sqlite3_reset(stmt)
    }

    /// Binds text (SQLite copies it); an empty string stays text, never NULL.
    private func bind(_ text: String, at index: Int32) throws {
        var text = text
        let rc = text.withUTF8 { utf8 in
            utf8.withMemoryRebound(to: CChar.self) { chars in
                guard let base = chars.baseAddress, chars.count > 0 else {
                    return "".withCString { sqlite3_bind_text(statement.sqliteStatement, index, $0, 0, Self.transient) }
                }
                return sqlite3_bind_text(statement.sqliteStatement, index, base, Int32(chars.count), Self.transient)
            }
        }
        try check(rc)
    }

    private func check(_ rc: Int32) throws {
        if rc != SQLITE_OK { throw failure(rc) }
    }

    private func failure(_ rc: Int32) -> DatabaseError {
        let message = String(cString: sqlite3_errmsg(db.sqliteConnection))
        sqlite3_reset(statement.sqliteStatement)
        return DatabaseError(resultCode: ResultCode(rawValue: rc), message: message, sql: statement.sql)
    }

    /// SQLITE_TRANSIENT: SQLite copies the bytes before the call returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}
