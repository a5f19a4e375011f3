public import Foundation
import ChorusModel

/// Why the sentiment stage could not start: a missing or malformed lexicon or rule file.
/// Messages start with the stage and name the file (and line and column, where known). They
/// quote only what identifies the problem (a key, a tag, a rule name, a number attempt), through
/// ``quote(_:)``: cut short, control characters escaped, so a hostile file cannot put escape
/// sequences on the terminal or flood it, and a wrong file's values stay out of logs.
public struct SentimentError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file at fault (nil when no file could be found at all).
    public var file: String?
    /// 1-based line number in `file`, when the fault is on one line.
    public var line: Int?
    /// 1-based column (in characters) on `line`, when known.
    public var column: Int?
    /// What is wrong, in a few words.
    public var reason: String

    /// The most characters of file content a message quotes.
    static let quoteLimit = 60
    /// The longest reason shown (a safety net for reasons that carry text from elsewhere).
    static let reasonLimit = 1000

    public init(file: String?, line: Int? = nil, column: Int? = nil, reason: String) {
        self.file = file
        self.line = line
        self.column = column
        self.reason = reason
    }

    /// `sentiment: FILE:LINE:COLUMN: reason`; the file and the reason have their control
    /// characters escaped too.
    public var description: String {
        var s = "sentiment: "
        if let file {
            s += TerminalText.escaped(file)
            if let line {
                s += ":\(line)"
                if let column { s += ":\(column)" }
            }
            s += ": "
        }
        return s + TerminalText.escaped(reason, limit: Self.reasonLimit)
    }

    /// A value that should have been a number, for a message: quoted when it looks like a
    /// number attempt (at most 24 characters of digits, signs, points and exponents: `"9"`,
    /// `"1e999"`), else only described (`text of 9 characters`), so a file that is not a lexicon
    /// (a credentials file given by mistake) never has its values copied into logs.
    public static func numberShown(_ text: some StringProtocol) -> String {
        let numeric = text.count <= 24 && !text.isEmpty && text.unicodeScalars.allSatisfy { "0123456789+-.eE".unicodeScalars.contains($0) }
        return numeric ? quote(text) : "text of \(text.count) character\(text.count == 1 ? "" : "s")"
    }

    /// `text` from a file, in double quotes, safe to print: at most ``quoteLimit`` characters
    /// (then `…`), control, format and line-separator characters as `\t`, `\u{1B}` and the like,
    /// `"` and `\` escaped (``TerminalText``).
    public static func quote(_ text: some StringProtocol) -> String {
        TerminalText.quoted(text, limit: quoteLimit)
    }
}

extension SentimentError: LocalizedError {
    public var errorDescription: String? { description }
}
