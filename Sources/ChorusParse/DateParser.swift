public import Foundation

/// Parses the date forms feeds and APIs use (skeleton: replaced by the full parser).
public enum DateParser {
    /// The instant, or nil when the text is not a date Chorus understands. Never "now".
    public static func parse(_ text: String) -> Date? {
        try? Date(text, strategy: .iso8601)
    }
}
