import ChorusModel
import Foundation

/// Routes a JSON document: a JSON Feed (by its `version` URL, or when forced) to
/// ``JSONFeedAdapter``, anything else to ``SocialPayloadParser`` (the forced platform, or
/// generic `json`).
enum JSONDocumentParser {
    static func parse(_ bytes: [UInt8], context: ParseContext) throws(ParseError) -> ParseResult {
        if let forced = context.platform, forced != .jsonfeed {
            return try SocialPayloadParser.parse(bytes, platform: forced, context: context)
        }
        let data = Data(bytes)
        let wire: JSONFeedWire
        do {
            wire = try JSONDecoder().decode(JSONFeedWire.self, from: data)
        } catch {
            if context.platform == nil, (try? JSONSerialization.jsonObject(with: data)) != nil {
                return try SocialPayloadParser.parse(bytes, platform: .json, context: context)
            }
            let what = context.platform == .jsonfeed ? "JSON Feed" : "JSON"
            throw ParseError("parse: \(context.source): malformed \(what) (\(describe(error)))")
        }
        guard wire.isJSONFeed || context.platform == .jsonfeed else {
            return try SocialPayloadParser.parse(bytes, platform: .json, context: context)
        }
        let (items, feed, unparsed) = JSONFeedAdapter.items(wire, context: context)
        return ParseResult(items: items, platform: .jsonfeed, feed: feed, unparsedDates: unparsed)
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let c): return c.underlyingError.map { "\($0.localizedDescription)" } ?? c.debugDescription
        case DecodingError.typeMismatch(_, let c), DecodingError.valueNotFound(_, let c):
            return "\(c.codingPath.map(\.stringValue).joined(separator: ".")): \(c.debugDescription)"
        case DecodingError.keyNotFound(let k, _): return "missing \(k.stringValue)"
        default: return "\(error)"
        }
    }
}
