public import ChorusModel

/// Decodes a saved social API response (Mastodon, Bluesky, Reddit, HN, X, generic JSON)
/// into Items (skeleton: replaced by the platform decoders).
public enum SocialPayloadParser {
    /// Parses one API response body of `platform`.
    public static func parse(_ bytes: [UInt8], platform: Platform, context: ParseContext) throws(ParseError) -> ParseResult {
        throw ParseError("parse: \(context.source): \(platform.rawValue) payloads are not supported yet")
    }
}
