#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The values of a few named environment variables, for the default arguments that take an
/// environment as a dictionary: `ProcessInfo.processInfo.environment` copies every variable of
/// the process into a new dictionary on each call (~0.5 M instructions under callgrind), and
/// `chorus score` made three such calls at start-up to read four variables.
public enum EnvironmentVariables {
    /// The variables among `names` that are set, by name (values decoded as UTF-8, with
    /// U+FFFD for bad bytes).
    public static func named(_ names: String...) -> [String: String] {
        var values: [String: String] = [:]
        for name in names {
            if let value = getenv(name) { values[name] = String(cString: value) }
        }
        return values
    }
}
