import ChorusModel

/// The one entry point of the parse stage for whole documents: detects the format from
/// content (or takes `context.platform`) and hands the bytes to the feed or social payload
/// parser. For large documents use ``FeedStreamParser``.
public enum DocumentParser {
    /// Parses a whole in-memory document.
    public static func parse(_ bytes: [UInt8], context: ParseContext) throws(ParseError) -> ParseResult {
        var items: [Item] = []
        let parser = FeedStreamParser(context: context) { items.append($0) }
        parser.feed(bytes)
        var result = try parser.finish()
        result.items = items
        return result
    }
}
