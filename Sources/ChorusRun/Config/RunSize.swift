/// Sizes as the command line and the config write them (`512KiB`, `20MiB`, `1MB`, bare bytes).
public enum RunSize {
    /// Bytes, or nil when `text` is not a positive size.
    public static func bytes(_ text: String) -> Int? { ConfigValueParser.size(text) }
}
