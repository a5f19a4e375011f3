import ChorusModel
import Foundation

/// Decodes AT Protocol responses into items: feeds of `feedViewPost` (`getAuthorFeed`,
/// `getTimeline`, `getFeed`, `getActorLikes`: `{"feed": [...]}`), lists of `postView`
/// (`searchPosts`, `getPosts`, `getQuotes`: `{"posts": [...]}`), a thread (`getPostThread`:
/// the parents root first, the post, then its replies depth-first) and post records
/// (`com.atproto.repo.getRecord` `{uri, cid, value}`, `listRecords` `{"records": [...]}`),
/// and the posts of notifications (`listNotifications`: replies, mentions, quotes).
///
/// Identity is the post's at:// URI; the web URL is `https://bsky.app/profile/<handle>/post/<rkey>`.
/// A feed entry with a `reasonRepost` becomes a `repost` item by the reposter (``BlueskyPostAdapter``).
public enum BlueskyDecoder {
    /// Decodes one response body.
    public static func decode(_ bytes: [UInt8], context: ParseContext) throws(ParseError) -> SocialPage {
        var decoding = SocialDecoding(context: context)
        return try decode(try decoding.document(bytes).root, decoding: &decoding)
    }

    /// Decodes a parsed response.
    static func decode(_ root: JSONValue, decoding: inout SocialDecoding) throws(ParseError) -> SocialPage {
        guard root.kind == .object else { throw decoding.unsupported(root, platform: "Bluesky") }
        if let error = root["error"]?.stringValue, root["feed"] == nil, root["posts"] == nil {
            let message = root["message"]?.stringValue.map { ": \($0)" } ?? ""
            throw ParseError("parse: \(decoding.context.source): the Bluesky API answered with an error: \(error)\(message)")
        }
        let isRecord = root["uri"] != nil && root["value"] != nil
        let known = root["feed"] != nil || root["posts"] != nil || root["thread"] != nil || root["records"] != nil
        guard known || root["notifications"] != nil || isRecord else {
            throw decoding.unsupported(root, platform: "Bluesky")
        }
        var page = SocialPage()
        do throws(JSONTypeError) {
            page.nextCursor = SocialDecoding.nonEmpty(try root.string("cursor"))
            if root["feed"] != nil {
                for entry in try root.array("feed") ?? [] {
                    let entry = try entry.requireObject()
                    guard let post = try entry.object("post") else { throw entry.missing("post", "object") }
                    let (item, sort) = try BlueskyPostAdapter.item(post, reason: try entry.object("reason"), decoding: &decoding)
                    page.append(item, sortTime: sort)
                }
            } else if root["posts"] != nil {
                for post in try root.array("posts") ?? [] {
                    let (item, sort) = try BlueskyPostAdapter.item(try post.requireObject(), reason: nil, decoding: &decoding)
                    page.append(item, sortTime: sort)
                }
            } else if root["notifications"] != nil {
                // Replies, mentions and quotes carry a post; likes, reposts and follows do not.
                var skipped = 0
                for notification in try root.array("notifications") ?? [] {
                    let notification = try notification.requireObject()
                    guard try notification.object("record")?.string("$type") == "app.bsky.feed.post" else {
                        skipped += 1
                        continue
                    }
                    let (item, sort) = try BlueskyPostAdapter.item(notification, reason: nil, decoding: &decoding)
                    page.append(item, sortTime: sort)
                }
                if skipped > 0 { page.warnings.append("skipped \(skipped) notification\(skipped == 1 ? "" : "s") without a post (likes, reposts, follows)") }
            } else if root["thread"] != nil {
                guard let thread = try root.object("thread") else { throw root.missing("thread", "object") }
                var parents: [JSONValue] = []
                var parent = try thread.object("parent")
                // Each parent is one level shallower; the reader's depth cap bounds the walk.
                while let node = parent {
                    parents.append(node)
                    parent = try node.object("parent")
                }
                for node in parents.reversed() { try append(node: node, replies: false, to: &page, decoding: &decoding) }
                try append(node: thread, replies: true, to: &page, decoding: &decoding)
            } else {
                for record in try root.array("records") ?? [root] {
                    let record = try record.requireObject()
                    // Records of other collections (likes, follows) hold no post.
                    if let type = try record.object("value")?.string("$type"), type != "app.bsky.feed.post" {
                        page.warnings.append("skipped a \(type) record at \(record.path.isEmpty ? "the top level" : record.path)")
                        continue
                    }
                    let item = try BlueskyPostAdapter.item(record: record, decoding: &decoding)
                    page.append(item, sortTime: item.publishedAt)
                }
            }
        } catch {
            throw decoding.failure(error)
        }
        page.unparsedDates = decoding.unparsedDates
        return page
    }

    /// A thread node's post (skipping `notFoundPost` and `blockedPost` with a warning) and,
    /// when `replies`, the replies under it depth-first.
    private static func append(
        node: JSONValue, replies: Bool, to page: inout SocialPage, decoding: inout SocialDecoding
    ) throws(JSONTypeError) {
        guard let post = try node.object("post") else {
            let type = (try? node.string("$type")).flatMap { $0 } ?? "entry without a post"
            page.warnings.append("skipped \(type) at \(node.path)")
            return
        }
        let (item, sort) = try BlueskyPostAdapter.item(post, reason: nil, decoding: &decoding)
        page.append(item, sortTime: sort)
        guard replies else { return }
        for reply in try node.array("replies") ?? [] {
            try append(node: try reply.requireObject(), replies: true, to: &page, decoding: &decoding)
        }
    }

    /// `https://bsky.app/profile/<handle or did>/post/<rkey>` for an `at://<did>/app.bsky.feed.post/<rkey>` URI.
    static func webURL(uri: String, handle: String?, did: String?) -> String? {
        let parts = uri.split(separator: "/", omittingEmptySubsequences: true)
        // ["at:", did, collection, rkey]
        guard uri.hasPrefix("at://"), parts.count == 4, parts[2] == "app.bsky.feed.post" else { return nil }
        return "https://bsky.app/profile/\(handle ?? did ?? String(parts[1]))/post/\(parts[3])"
    }
}
