/// Durations as the command line and the config write them (`90s`, `15m`, `1h30m`, `2d`, bare seconds).
public enum RunDuration {
    /// Seconds, or nil when `text` is not a duration.
    public static func seconds(_ text: String) -> Double? { ConfigValueParser.duration(text) }
}
