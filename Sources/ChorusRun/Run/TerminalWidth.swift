public import Foundation

/// The width the dry-run table must fit: `$COLUMNS` when set to a positive number, else the
/// size of the terminal on stdout (or stderr, when stdout is piped to a pager), else 80.
public enum TerminalWidth {
    /// The fallback when nothing says how wide the output is.
    static let fallback = 80

    public static func columns(environment: [String: String] = ProcessInfo.processInfo.environment) -> Int {
        if let text = environment["COLUMNS"], let value = Int(text.trimmingCharacters(in: .whitespaces)), value > 0 {
            return value
        }
        for fd in [STDOUT_FILENO, STDERR_FILENO] where isatty(fd) == 1 {
            var size = winsize()
            if ioctl(fd, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        }
        return fallback
    }
}

