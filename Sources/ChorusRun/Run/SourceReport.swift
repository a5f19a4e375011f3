/// What happened to one source in a run; one entry of the run summary.
public struct SourceReport: Sendable, Equatable {
    /// How the source ended.
    public enum Status: String, Sendable {
        /// Fetched and parsed (items may all be duplicates).
        case ok
        /// 304 Not Modified: nothing to read.
        case notModified = "not_modified"
        case error
        /// Not due yet; not fetched.
        case notDue = "not_due"
        /// `enabled: false`.
        case disabled
        /// Stopped by a signal or `--max-duration` before it finished; its state is unchanged.
        case cancelled
        /// Skipped by the circuit breaker: earlier runs died with it in flight (`error` says why and until when).
        case quarantined
    }

    public var name: String
    public var status: Status
    /// Items the source returned.
    public var fetched: Int = 0
    /// Items emitted for the first time.
    public var new: Int = 0
    /// Items emitted again as revisions.
    public var revisions: Int = 0
    /// Items dropped as already emitted (in an earlier run or earlier in this one).
    public var duplicate: Int = 0
    /// Items dropped by the keyword filter.
    public var filtered: Int = 0
    public var errors: Int = 0
    /// Documents that needed recovery from broken markup or encoding; items the recovery
    /// touched; documents that were cut short (each also logged as a warning).
    public var recovered: Int = 0
    public var damaged: Int = 0
    public var truncated: Int = 0
    public var httpStatus: Int?
    public var durationMs: Int = 0
    /// The error message, for `error`.
    public var error: String?

    public init(name: String, status: Status) {
        self.name = name
        self.status = status
    }
}
