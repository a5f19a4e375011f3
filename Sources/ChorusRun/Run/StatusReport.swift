public import Foundation
import ChorusModel
import ChorusOutput

/// `chorus status`: per configured source what the state store knows (last success, last
/// error, failures in a row and since when, items in the last 24 hours, next due time, the
/// current backoff, whether validators and cursors are held, the circuit breaker's strikes and
/// quarantine), and which sources have been failing for longer than the threshold.
public struct StatusReport: Sendable {
    /// One source's line.
    public struct Entry: Sendable {
        public var name: String
        public var type: String
        public var enabled: Bool
        public var record: SourceRecord?
        public var failingSince: Date?
        public var itemsLastDay: Int
        /// The delay the scheduler adds after the current streak of failures; nil when not failing.
        public var backoff: Double?
        /// `etag`, `last-modified` when held.
        public var validators: [String]
        /// Names of the cursors held (`since_id`, `after`, …), the login session's aside.
        public var cursors: [String]
        /// A platform login session (Bluesky, Reddit OAuth) is kept in the state; its tokens are never shown.
        public var session: Bool
        /// Failing for longer than the threshold.
        public var failingTooLong: Bool
        /// The circuit breaker's record (strikes, quarantine, cause); nil when it holds nothing.
        public var breaker: BreakerRecord?
        /// Skipped by runs until then (``SourceBreaker``); nil when not quarantined now.
        public var quarantinedUntil: Date?
    }

    public var checkedAt: Date
    public var failAfter: Double
    public var entries: [Entry]

    /// Sources failing for longer than `failAfter`.
    public var failingTooLong: [String] { entries.filter(\.failingTooLong).map(\.name) }

    /// Reads `config`'s state store (read-only; a missing store is empty) and builds the report.
    public static func load(config: ChorusConfig, failAfter: Double, now: Date) throws(StateError) -> StatusReport {
        let store = try StateStoreOpener.open(config.state, readOnly: true)
        let records = try store.sourceRecords()
        let health = try (store as? any SourceHealthReading)?.health(itemsSince: now.addingTimeInterval(-86_400)) ?? [:]
        let breaker = try store.breakerRecords()
        return build(config: config, records: records, health: health, breaker: breaker, failAfter: failAfter, now: now)
    }

    /// Cursor members that hold a login session (secrets: only their presence is shown);
    /// `auth_access` is how states from before typed cursors held one.
    static let sessionNames: Set<String> = ["login", "auth_access", "auth_refresh", "auth_expires"]

    static func build(
        config: ChorusConfig, records: [String: SourceRecord], health: [String: SourceHealth],
        breaker: [String: BreakerRecord] = [:], failAfter: Double, now: Date
    ) -> StatusReport {
        let entries = config.sources.map { source in
            let record = records[source.name]
            let failing = (record?.consecutiveFailures ?? 0) > 0
            let held = breaker[source.name].flatMap { SourceBreaker.quarantined($0, now: now) == nil ? nil : $0 }
            // A store from before failure streaks were kept: the last success bounds the streak.
            // A quarantined source fails too (its runs died): since its last success, else since
            // the strike that quarantined it.
            let since = failing
                ? health[source.name]?.failingSince ?? record?.lastSuccess ?? held?.lastStrike
                : held.map { record?.lastSuccess ?? $0.lastStrike }
            var validators: [String] = []
            if record?.state.etag != nil { validators.append("etag") }
            if record?.state.lastModified != nil { validators.append("last-modified") }
            return Entry(
                name: source.name, type: source.type.rawValue, enabled: source.enabled, record: record, failingSince: since,
                itemsLastDay: health[source.name]?.itemsSince ?? 0,
                backoff: failing ? RunCollector.backoff(interval: source.interval, failures: record?.consecutiveFailures ?? 0) : nil,
                validators: validators, cursors: record?.state.cursor.names.filter { !Self.sessionNames.contains($0) && !$0.hasPrefix("auth_") } ?? [],
                session: record?.state.cursor.names.contains { Self.sessionNames.contains($0) } ?? false,
                failingTooLong: source.enabled && since.map { now.timeIntervalSince($0) > failAfter } ?? false,
                breaker: breaker[source.name], quarantinedUntil: held?.quarantinedUntil)
        }
        return StatusReport(checkedAt: now, failAfter: failAfter, entries: entries)
    }

    /// One JSON object, newline-terminated.
    public func json() -> String {
        var w = JSONWriter(capacity: 256 + entries.count * 400)
        w.raw("{")
        w.key("checked_at", first: true); w.date(checkedAt)
        w.key("fail_after_seconds"); w.int(Int64(failAfter))
        w.key("failing_too_long"); w.strings(failingTooLong)
        w.key("sources"); w.raw("[")
        for (i, e) in entries.enumerated() {
            if i > 0 { w.raw(",") }
            w.raw("{")
            w.key("name", first: true); w.string(e.name)
            w.key("type"); w.string(e.type)
            w.key("enabled"); w.bool(e.enabled)
            w.key("state"); w.string(state(e))
            w.key("last_success"); w.date(e.record?.lastSuccess)
            w.key("last_attempt"); w.date(e.record?.lastAttempt)
            w.key("last_error"); w.string(e.record?.lastError)
            w.key("last_http_status"); w.int(e.record?.lastStatus.map(Int64.init))
            w.key("consecutive_failures"); w.int(Int64(e.record?.consecutiveFailures ?? 0))
            w.key("failing_since"); w.date(e.failingSince)
            w.key("failing_too_long"); w.bool(e.failingTooLong)
            w.key("items_24h"); w.int(Int64(e.itemsLastDay))
            w.key("next_due"); w.date(nextDue(e))
            w.key("backoff_seconds"); w.int(e.backoff.map { Int64($0) })
            w.key("validators"); w.strings(e.validators)
            w.key("cursors"); w.strings(e.cursors)
            w.key("session"); w.bool(e.session)
            w.key("strikes"); w.int(Int64(e.breaker?.strikes ?? 0))
            w.key("quarantined_until"); w.date(e.quarantinedUntil)
            w.key("strike_cause"); w.string(e.breaker?.cause)
            w.raw("}")
        }
        w.raw("]}\n")
        return String(decoding: w.bytes, as: UTF8.self)
    }

    /// `ok`, `failing`, `never` (not fetched yet), `quarantined` or `disabled`.
    func state(_ e: Entry) -> String {
        if !e.enabled { return "disabled" }
        if e.quarantinedUntil != nil { return "quarantined" }
        guard let record = e.record else { return "never" }
        return record.consecutiveFailures > 0 ? "failing" : record.lastSuccess == nil ? "never" : "ok"
    }

    /// A table for a terminal `width` columns wide; a failing source's last error follows its
    /// row on a line of its own, cut to fit.
    public func table(width: Int) -> String {
        let header = ["SOURCE", "STATE", "LAST OK", "FAILS", "SINCE", "24H", "NEXT DUE", "BACKOFF", "HELD"]
        let rows = entries.map { e -> [String] in
            let held = e.validators.map { $0 == "last-modified" ? "lastmod" : $0 } + (e.cursors.isEmpty ? [] : ["cursor"]) + (e.session ? ["session"] : [])
            return [
                e.name, state(e) + (e.failingTooLong ? "!" : ""), e.record?.lastSuccess.map(ago) ?? "-",
                String(e.record?.consecutiveFailures ?? 0), e.failingSince.map(ago) ?? "-", String(e.itemsLastDay),
                e.enabled ? nextDue(e).map(due) ?? "now" : "-", e.backoff.map(Self.span) ?? "-", held.isEmpty ? "-" : held.joined(separator: ","),
            ]
        }
        let widths = header.indices.map { i in ([header] + rows).map { DisplayWidth.of($0[i]) }.max() ?? 0 }
        func line(_ row: [String]) -> String {
            let text = row.indices.map { i in i == row.count - 1 ? row[i] : DisplayWidth.pad(row[i], to: widths[i]) }
                .joined(separator: "  ")
            return DisplayWidth.clip(text, to: width) + "\n"
        }
        var out = line(header)
        for (e, row) in zip(entries, rows) {
            out += line(row)
            if let error = e.record?.lastError, e.record?.consecutiveFailures ?? 0 > 0 {
                out += DisplayWidth.clip("  last error: " + DisplayWidth.singleLine(error), to: width) + "\n"
            }
            if let line = breakerLine(e) { out += DisplayWidth.clip(line, to: width) + "\n" }
        }
        if !failingTooLong.isEmpty {
            out += "\nfailing for longer than \(Self.span(failAfter)): \(failingTooLong.joined(separator: ", "))\n"
        }
        return out
    }

    /// When a run next fetches the source: its schedule, or the end of its quarantine if later.
    func nextDue(_ e: Entry) -> Date? {
        guard let until = e.quarantinedUntil else { return e.record?.nextDue }
        return max(until, e.record?.nextDue ?? until)
    }

    /// The line under a source the circuit breaker holds: quarantine (until when, strikes,
    /// cause) or strikes below the limit.
    func breakerLine(_ e: Entry) -> String? {
        guard let b = e.breaker, b.strikes > 0 else { return nil }
        let cause = DisplayWidth.singleLine(b.cause)
        if let until = e.quarantinedUntil {
            return "  quarantined until \(RFC3339.format(until)) (\(due(until))) after \(b.strikes) strikes: \(cause)"
        }
        return "  strikes: \(b.strikes) of \(SourceBreaker.strikeLimit), it runs alone first next time: \(cause)"
    }

    private func ago(_ date: Date) -> String { Self.span(max(0, checkedAt.timeIntervalSince(date))) + " ago" }

    private func due(_ date: Date) -> String {
        let wait = date.timeIntervalSince(checkedAt)
        return wait <= 0 ? "now" : "in " + Self.span(wait)
    }

    /// `45s`, `12m`, `3h`, `2d`: the largest whole unit.
    static func span(_ seconds: Double) -> String {
        let s = Int(seconds)
        if s < 60 { return "\(s)s" }
        if s < 3600 { return "\(s / 60)m" }
        if s < 86_400 { return "\(s / 3600)h" + (s % 3600 >= 60 && s < 36_000 ? "\(s % 3600 / 60)m" : "") }
        return "\(s / 86_400)d" + (s % 86_400 >= 3600 && s < 864_000 ? "\(s % 86_400 / 3600)h" : "")
    }
}
