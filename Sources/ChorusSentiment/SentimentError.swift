public import Foundation

/// Why the sentiment stage could not start: a missing or malformed lexicon or rule file.
/// Messages start with the stage and name the file (and line, where there is one).
public struct SentimentError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file at fault (nil when no file could be found at all).
    public var file: String?
    /// 1-based line number in `file`, when the fault is on one line.
    public var line: Int?
    /// What is wrong, in a few words.
    public var reason: String

    public init(file: String?, line: Int? = nil, reason: String) {
        self.file = file
        self.line = line
        self.reason = reason
    }

    /// `sentiment: FILE:LINE: reason`.
    public var description: String {
        var s = "sentiment: "
        if let file {
            s += file
            if let line { s += ":\(line)" }
            s += ": "
        }
        return s + reason
    }
}

extension SentimentError: LocalizedError {
    public var errorDescription: String? { description }
}
