import ChorusModel

/// One thing wrong with a configuration file, at the line and column (1-based) where it is.
public struct ConfigProblem: Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var message: String

    public init(line: Int, column: Int, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    /// `12:5: message`
    public var description: String { "\(line):\(column): \(message)" }
}

/// A configuration that cannot be used: every problem found, in file order.
/// Each line of the description reads `config: <file>:<line>:<column>: <message>`.
public struct ConfigError: Error, Sendable, CustomStringConvertible {
    /// The configuration file, as the user named it.
    public var file: String
    public var problems: [ConfigProblem]

    public init(file: String, problems: [ConfigProblem]) {
        self.file = file
        self.problems = problems.sorted { ($0.line, $0.column) < ($1.line, $1.column) }
    }

    /// One problem that has no position (the file is missing or unreadable).
    public init(file: String, message: String) {
        self.file = file
        self.problems = [ConfigProblem(line: 0, column: 0, message: message)]
    }

    /// Messages may carry text from the file (an unknown key): its control characters are shown
    /// escaped and a message is cut at 1,000 characters (``TerminalText``).
    public var description: String {
        problems.map { p in
            let message = TerminalText.escaped(p.message, limit: 1000)
            return p.line > 0 ? "config: \(file):\(p.line):\(p.column): \(message)" : "config: \(file): \(message)"
        }.joined(separator: "\n")
    }
}
