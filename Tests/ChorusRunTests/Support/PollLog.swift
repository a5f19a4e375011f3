import Foundation

/// Who fetched which feed when, as the loopback nginx recorded it (its access log: the
/// User-Agent, `end=` the Unix time the response ended, `took=` the seconds since the request's
/// first byte), and the check that no two workers polled one source at once.
///
/// A worker's poll of a source lasts from its lease to its commit, which releases the lease. The
/// server sees only the fetch in between, so the check uses what it can prove from the record:
/// a poll starts no later than its fetch starts, and lasts at least until the end of the last
/// fetch of the same process (``Poller/lastEnd``: the commit comes after every fetch of the run).
/// A killed process holds its leases until they expire or its successor, the next process of
/// the same worker (same lease holder, so it takes them over at once), commits them. A lease
/// taken after the process started expires no earlier than its start + the lease length
/// (renewals only push it on), so the killed process's polls last at least until the earlier
/// of that and the end of the successor's last fetch. Two polls of one source by different
/// workers must not overlap under these bounds; each is a bound the real poll meets, so a
/// correct run never fails the check.
struct PollLog {
    /// One request the server answered.
    struct Fetch {
        /// The request path (`/s12.rss`).
        var path: String
        var agent: String
        var start: Double
        var end: Double
    }

    /// One process that polled: its worker, when it started, whether it was killed and who followed it.
    struct Poller {
        var worker: Int
        var started: Double
        var killed = false
        /// The agent of the process started in its place (the same worker).
        var successor: String? = nil
    }

    let fetches: [Fetch]

    /// The requests of nginx's access log lines (``NginxServer/accessLogLines()``).
    init(_ lines: [String]) {
        fetches = lines.compactMap { line in
            // 127.0.0.1 - - [time] "GET /s1.rss HTTP/1.1" 200 123 "-" "agent" end=… took=… conn=… proto=…
            let quoted = line.split(separator: "\"", omittingEmptySubsequences: false)
            guard quoted.count >= 7 else { return nil }
            let request = quoted[1].split(separator: " ")
            var fields: [Substring: Double] = [:]
            for word in quoted[6].split(separator: " ") {
                let pair = word.split(separator: "=", maxSplits: 1)
                if pair.count == 2, let value = Double(pair[1]) { fields[pair[0]] = value }
            }
            guard request.count >= 2, let end = fields["end"], let took = fields["took"] else { return nil }
            return Fetch(path: String(request[1]), agent: String(quoted[5]), start: end - took, end: end)
        }
    }

    /// The pairs of polls of one source by different workers that overlap, as readable lines
    /// (empty when none do). `pollers` maps each agent to its process; fetches by other agents
    /// are ignored. `lease` is the lease length in seconds.
    func overlaps(pollers: [String: Poller], lease: Double) -> [String] {
        var lastEnd: [String: Double] = [:]
        for f in fetches where pollers[f.agent] != nil { lastEnd[f.agent] = max(lastEnd[f.agent] ?? 0, f.end) }
        func holdEnd(_ agent: String) -> Double {
            let own = lastEnd[agent] ?? 0
            guard let p = pollers[agent], p.killed else { return own }
            let successor = p.successor.flatMap { lastEnd[$0] } ?? own
            return max(own, min(p.started + lease, successor))
        }
        var bySource: [String: [Fetch]] = [:]
        for f in fetches where pollers[f.agent] != nil { bySource[f.path, default: []].append(f) }
        var found: [String] = []
        for (path, list) in bySource.sorted(by: { $0.key < $1.key }) {
            for (i, a) in list.enumerated() {
                for b in list[(i + 1)...] where pollers[a.agent]?.worker != pollers[b.agent]?.worker {
                    let (endA, endB) = (holdEnd(a.agent), holdEnd(b.agent))
                    if a.start < endB && b.start < endA {
                        let t = { (x: Double) in String(format: "%.3f", x) }
                        found.append("\(path): \(a.agent) from \(t(a.start)) to \(t(endA)) and \(b.agent) from \(t(b.start)) to \(t(endB))")
                    }
                }
            }
        }
        return found
    }
}
