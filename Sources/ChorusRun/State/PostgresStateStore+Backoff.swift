public import Foundation

/// Host back-offs on a shared PostgreSQL store (``HostBackoffSharing``), in `host_backoff`.
extension PostgresStateStore: HostBackoffSharing {
    public func hostBackoffs(now: Date) throws(StateError) -> [String: (until: Date, reason: String)] {
        if empty { return [:] }
        return try run("read host back-offs") { db throws(PostgresError) in
            var out: [String: (until: Date, reason: String)] = [:]
            for r in try db.execute("SELECT host, until, reason FROM host_backoff WHERE until > $1", ["\(now.timeIntervalSince1970)"]).rows {
                if let host = r[0], let until = Self.date(r[1]) { out[host] = (until, r[2] ?? "") }
            }
            return out
        }
    }

    public func recordHostBackoff(host: String, until: Date, reason: String) throws(StateError) {
        try run("record a host back-off") { db throws(PostgresError) in
            try db.execute("""
                INSERT INTO host_backoff (host, until, reason) VALUES ($1, $2, $3)
                ON CONFLICT (host) DO UPDATE SET until = EXCLUDED.until, reason = EXCLUDED.reason WHERE host_backoff.until < EXCLUDED.until
                """, [host, "\(until.timeIntervalSince1970)", reason])
        }
    }
}
