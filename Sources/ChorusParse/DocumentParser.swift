public import ChorusModel

/// The one entry point of the parse stage: detects the format from content (or takes
/// `context.platform`) and hands the bytes to the feed or social payload parser.
public enum DocumentParser {
    /// Parses a whole in-memory document.
    public static func parse(_ bytes: [UInt8], context: ParseContext) throws(ParseError) -> ParseResult {
        // Skeleton: replaced by the feed and social parsers.
        throw ParseError("parse: \(context.source): no parser for this document yet")
    }
}
