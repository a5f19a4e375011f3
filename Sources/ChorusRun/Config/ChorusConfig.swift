public import Foundation
public import ChorusSentiment

/// A validated configuration: where output and state go, how a run behaves, and the sources.
/// Relative paths in the file are already resolved against the config file's folder.
public struct ChorusConfig: Sendable {
    /// The configuration file this was read from.
    public var file: URL
    public var output: OutputSettings
    public var state: StateSettings
    /// Sources fetched at the same time (default 32).
    public var concurrency: Int
    /// Connections per host at once (default 6, as browsers do).
    public var maxPerHost: Int
    /// A run stops starting sources after this many seconds (nil: no limit).
    public var maxDuration: Double?
    /// swift-log level name for `chorus ingest` when no `--log-level` is given (default warning).
    public var logLevel: String?
    /// File the one-line JSON run summary is appended to (default `runs.log` beside the state).
    public var summaryLog: URL
    /// `runs.log` is rotated before it grows past this many bytes (`summary_log_max`, default 1 MiB).
    public var summaryLogMaxBytes: Int = 1_048_576
    /// Prometheus text exposition written after every run (`metrics.textfile`), if set.
    public var metricsTextfile: URL?
    public var keywords: KeywordSettings
    public var sentiment: SentimentSettings
    public var sources: [SourceConfig]

    public init(
        file: URL, output: OutputSettings, state: StateSettings, concurrency: Int = 32, maxPerHost: Int = 6, maxDuration: Double? = nil,
        logLevel: String? = nil, summaryLog: URL? = nil, keywords: KeywordSettings = KeywordSettings(),
        sentiment: SentimentSettings = SentimentSettings(), sources: [SourceConfig]
    ) {
        self.file = file
        self.output = output
        self.state = state
        self.concurrency = concurrency
        self.maxPerHost = maxPerHost
        self.maxDuration = maxDuration
        self.logLevel = logLevel
        self.summaryLog = summaryLog ?? state.path.deletingLastPathComponent().appendingPathComponent("runs.log")
        self.keywords = keywords
        self.sentiment = sentiment
        self.sources = sources
    }

    /// The source with this name.
    public func source(named name: String) -> SourceConfig? { sources.first { $0.name == name } }
}

/// Where and how NDJSON files are written.
public struct OutputSettings: Sendable {
    /// The output folder.
    public var dir: URL
    /// `date` (default): `dir/date=YYYY-MM-DD/<prefix>-<stamp>.ndjson`; `flat`: `dir/<prefix>-<stamp>.ndjson`.
    public var layout: Layout
    /// Compress files with gzip (`.ndjson.gz`).
    public var gzip: Bool
    /// File name prefix (default `chorus`).
    public var prefix: String
    /// `output.postgres.table`: items are also upserted into this table of the PostgreSQL state
    /// (see ``PostgresItemTable``), in the transaction that notes or commits them.
    public var postgresTable: String?

    /// The folder layout of output files.
    public enum Layout: String, Sendable, CaseIterable {
        case date, flat
    }

    public init(dir: URL, layout: Layout = .date, gzip: Bool = false, prefix: String = "chorus") {
        self.dir = dir
        self.layout = layout
        self.gzip = gzip
        self.prefix = prefix
    }
}

/// Where state lives and how long seen ids are kept.
public struct StateSettings: Sendable {
    /// The SQLite state file; for a PostgreSQL state (`url`), the local file the run lock guards
    /// (`<output.dir>/.chorus/run`, never a database), beside the lock and `runs.log`.
    public var path: URL
    /// Seen ids older than this (seconds) are pruned at the end of a run (default 30 days).
    public var retention: Double
    /// A PostgreSQL state: libpq's connection URI (`postgres://user@host:port/db`). Nil: SQLite at `path`.
    public var url: String?
    /// The PostgreSQL password (else libpq reads PGPASSWORD or ~/.pgpass).
    public var password: String?
    /// A PostgreSQL state: how long a run's lease on a source lasts without renewal (seconds,
    /// default 2 minutes; a live run renews it every third of that). A dead or stalled run's
    /// sources return to the other machines after it.
    public var lease: Double = 120
    /// The output table (`output.postgres.table`) this store writes items into, if any.
    public var table: String?

    public init(path: URL, retention: Double = 30 * 86_400, url: String? = nil, password: String? = nil) {
        self.path = path
        self.retention = retention
        self.url = url
        self.password = password
    }

    /// The lock file beside the state: `<state path>.lock`.
    public var lockPath: URL { path.appendingPathExtension("lock") }
}

/// Keywords matched (case-insensitively, on word boundaries) into `Item.keywords`.
public struct KeywordSettings: Sendable {
    public var track: [String]
    /// When true, only items that matched at least one tracked keyword are written.
    public var filter: Bool

    public init(track: [String] = [], filter: Bool = false) {
        self.track = track
        self.filter = filter
    }
}

/// Settings handed to the sentiment stage.
public struct SentimentSettings: Sendable {
    /// Score items at all (default true).
    public var enabled: Bool
    /// The sentiment stage's own settings (defaults: its shipped behaviour; see docs/sentiment.md).
    public var configuration: SentimentConfiguration

    public init(enabled: Bool = true, configuration: SentimentConfiguration = SentimentConfiguration()) {
        self.enabled = enabled
        self.configuration = configuration
    }
}
