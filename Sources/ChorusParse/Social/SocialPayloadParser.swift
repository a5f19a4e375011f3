public import ChorusModel

/// Decodes a saved social API response (Mastodon, Bluesky, Reddit, HN, X, generic JSON)
/// into Items: the parse stage's entry point for social platforms, used by
/// ``DocumentParser`` and `chorus parse --platform <name>`.
public enum SocialPayloadParser {
    /// The platforms this parser handles.
    public static let platforms: Set<Platform> = [.mastodon, .bluesky, .reddit, .hackernews, .x, .json]

    /// Parses one API response body of `platform`. Generic JSON (`.json`) uses ``JSONMapping``'s
    /// defaults, with the items found at the top level or under `items` / `data`.
    public static func parse(_ bytes: [UInt8], platform: Platform, context: ParseContext) throws(ParseError) -> ParseResult {
        let page = try self.page(bytes, platform: platform, context: context)
        return ParseResult(items: page.items, platform: platform, warnings: page.warnings, unparsedDates: page.unparsedDates)
    }

    /// Parses a generic JSON document with an explicit mapping.
    public static func parse(_ bytes: [UInt8], mapping: JSONMapping, context: ParseContext) throws(ParseError) -> ParseResult {
        let page = try JSONMappingDecoder.decode(bytes, mapping: mapping, context: context)
        return ParseResult(items: page.items, platform: .json, warnings: page.warnings, unparsedDates: page.unparsedDates)
    }

    /// The decoded page with its paging metadata, for connectors.
    public static func page(_ bytes: [UInt8], platform: Platform, context: ParseContext) throws(ParseError) -> SocialPage {
        switch platform {
        case .mastodon: return try MastodonDecoder.decode(bytes, context: context)
        case .bluesky: return try BlueskyDecoder.decode(bytes, context: context)
        case .reddit: return try RedditDecoder.decode(bytes, context: context)
        case .hackernews: return try HackerNewsDecoder.decode(bytes, context: context)
        case .x: return try XDecoder.decode(bytes, context: context)
        case .json: return try JSONMappingDecoder.decode(bytes, mapping: try defaultMapping(bytes, context: context), context: context)
        case .rss, .atom, .rdf, .jsonfeed:
            throw ParseError("parse: \(context.source): \(platform.rawValue) is a feed format, not a social API payload")
        }
    }

    /// The default mapping, pointed at the first array among the top level, `items` and `data`.
    private static func defaultMapping(_ bytes: [UInt8], context: ParseContext) throws(ParseError) -> JSONMapping {
        let root: JSONValue
        do {
            root = try JSONReader.parse(bytes).root
        } catch {
            throw ParseError("parse: \(context.source): \(error.description)")
        }
        var mapping = JSONMapping()
        if root.kind == .object {
            mapping.itemsPath = ["items", "data", "statuses", "posts"].first { root[$0]?.kind == .array } ?? "items"
        }
        return mapping
    }
}
