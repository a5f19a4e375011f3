/// The release version, spelled once: printed by `chorus --version` and sent in every
/// User-Agent Chorus builds (the default one, and Reddit's required form).
public enum ChorusVersion {
    /// The version number, `MAJOR.MINOR.PATCH`.
    public static let string = "0.1.0"

    /// The default User-Agent: `Chorus/<version> (+project URL)`.
    public static let userAgent = "Chorus/\(string) (+https://github.com/chorus-pipeline/chorus)"

    /// The User-Agent form Reddit asks for, `<platform>:<app ID>:v<version> (by /u/<username>)`
    /// (social-apis.md); generic agents are throttled.
    public static let redditUserAgent = "linux:org.chorus-pipeline.chorus:v\(string) (by /u/chorus-pipeline)"
}
