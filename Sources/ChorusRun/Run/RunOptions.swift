/// How one `chorus ingest` invocation runs, from the command line.
public struct RunOptions: Sendable {
    /// Fetch, parse, score and look up dedup, but write nothing and change no state.
    public var dryRun: Bool
    /// Only these sources (fetched even when not due). Empty: every enabled, due source.
    public var sources: [String]
    /// Fetch every enabled source now, ignoring the schedule.
    public var ignoreSchedule: Bool
    /// Dry-run only: at most this many items per source in the preview.
    public var limit: Int?
    /// Overrides the config's `max_duration` (seconds).
    public var maxDuration: Double?
    /// Items to stdout instead of the output directory (state still advances).
    public var toStdout: Bool
    /// Dry-run only: print the items as NDJSON instead of the readable table.
    public var previewAsNDJSON: Bool
    /// Draw a progress bar on stderr (the command sets this only for a TTY).
    public var progress: Bool
    /// `--reset-state`: start over with a new store when the state is unusable or lost (the
    /// old file is kept aside) instead of stopping (see ``StateHealth``).
    public var resetState = false

    public init(
        dryRun: Bool = false, sources: [String] = [], ignoreSchedule: Bool = false, limit: Int? = nil, maxDuration: Double? = nil,
        toStdout: Bool = false, previewAsNDJSON: Bool = false, progress: Bool = false
    ) {
        self.dryRun = dryRun
        self.sources = sources
        self.ignoreSchedule = ignoreSchedule
        self.limit = limit
        self.maxDuration = maxDuration
        self.toStdout = toStdout
        self.previewAsNDJSON = previewAsNDJSON
        self.progress = progress
    }
}
