import ChorusModel
import Foundation

/// Decodes Mastodon API responses into items: an array of Status entities (timelines,
/// account statuses, bookmarks), a single Status, a thread `context` (`ancestors`, then
/// `descendants`), notifications and conversations (the statuses they carry, each once),
/// and results holding `statuses` (v2 search, grouped notifications).
///
/// Ids are one space, the instance's own status ids: `native_id` is `id`, `in_reply_to` is
/// `in_reply_to_id`, `repost_of` the boosted status's `id`, `quote_of` the quoted status's
/// `id`, so they join within one instance's responses. The item `id` is derived from the
/// federation `uri`, so the same post read through two instances dedups. Boosts are `repost`
/// items by the booster with the boosted text, whose `url` is the boosted status's page.
public enum MastodonDecoder {
    /// What one element of a response array (or a lone object) is.
    private enum Entry {
        case status, notification, conversation
    }

    /// Decodes one response body.
    public static func decode(_ bytes: [UInt8], context: ParseContext) throws(ParseError) -> SocialPage {
        var decoding = SocialDecoding(context: context)
        return try decode(try decoding.document(bytes).root, decoding: &decoding)
    }

    /// Decodes a parsed response.
    static func decode(_ root: JSONValue, decoding: inout SocialDecoding) throws(ParseError) -> SocialPage {
        if root.kind == .object, let error = root["error"]?.stringValue {
            throw ParseError("parse: \(decoding.context.source): the Mastodon API answered with an error: \(error)")
        }
        let lists = ["ancestors", "descendants", "statuses"].filter { root[$0] != nil }
        if root.kind == .object, lists.isEmpty, entry(root) == nil {
            throw decoding.unsupported(root, platform: "Mastodon")
        }
        if root.kind == .array, let first = root.elements.first, first.kind == .object, entry(first) == nil {
            throw decoding.unsupported(root, platform: "Mastodon")
        }
        var page = SocialPage()
        var seen = Set<String>()
        do throws(JSONTypeError) {
            if root.kind == .object, !lists.isEmpty {
                for list in lists {
                    for status in try root.array(list) ?? [] { try append(status: status, to: &page, decoding: &decoding) }
                }
            } else if root.kind == .object {
                try append(root, to: &page, seen: &seen, decoding: &decoding)
            } else {
                let elements = try root.requireArray()
                page.items.reserveCapacity(elements.count)
                page.sortTimes.reserveCapacity(elements.count)
                // Timelines (the hot path) are all statuses: classify the first element only.
                let statuses = elements.first.map { $0.kind == .object && entry($0) == .status } ?? true
                for element in elements {
                    if statuses {
                        try append(status: element, to: &page, decoding: &decoding)
                    } else {
                        try append(try element.requireObject(), to: &page, seen: &seen, decoding: &decoding)
                    }
                }
            }
        } catch {
            throw decoding.failure(error)
        }
        page.unparsedDates = decoding.unparsedDates
        return page
    }

    /// A conversation has `last_status`; a notification a `type` and `account` and no `uri`;
    /// anything else with an `id` or `uri`, unless it is an account, is read as a status (and
    /// must then be one).
    private static func entry(_ object: JSONValue) -> Entry? {
        // One pass over the members instead of a lookup per name.
        let found = object.fields(entryKeys)
        if found[0] != nil { return .conversation }
        if found[1]?.kind == .string, found[2] != nil, found[3] == nil { return .notification }
        // An Account (`acct`, no `content`: reblogged_by, followers) is no status.
        if found[5] != nil, found[6] == nil { return nil }
        if found[4] != nil || found[3] != nil { return .status }
        return nil
    }
    private static let entryKeys = JSONKeys(["last_status", "type", "account", "uri", "id", "acct", "content"])

    /// Appends the status an array element or lone object stands for (once per status id for
    /// notifications and conversations, which often repeat one).
    private static func append(
        _ object: JSONValue, to page: inout SocialPage, seen: inout Set<String>, decoding: inout SocialDecoding
    ) throws(JSONTypeError) {
        switch entry(object) {
        case .status?:
            try append(status: object, to: &page, decoding: &decoding)
        case let kind?:
            let member = kind == .notification ? "status" : "last_status"
            guard let status = try object.object(member) else {
                let type = (try? object.string("type")).flatMap { $0 } ?? "conversation"
                page.warnings.append("skipped \(object.path.isEmpty ? "the" : "\(object.path):") \(type) without a status")
                return
            }
            let id = try status.requiredString("id")
            guard seen.insert(id).inserted else { return }
            try append(status: status, to: &page, decoding: &decoding)
        case nil:
            throw JSONTypeError(path: object.path, expected: "status, notification or conversation", found: "object")
        }
    }

    private static func append(status: JSONValue, to page: inout SocialPage, decoding: inout SocialDecoding) throws(JSONTypeError) {
        let item = try MastodonStatusAdapter.item(try status.requireObject(), decoding: &decoding)
        page.append(item, sortTime: item.publishedAt)
    }
}
