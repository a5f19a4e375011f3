import ChorusModel
import Foundation
import Testing
@testable import ChorusParse

/// The response shapes added for saved documents, auto-detection, and hostile variants of
/// each (missing members, wrong types, huge numbers): an item, a warning or an error naming
/// the path, never a trap.
@Suite("Social response shapes")
struct SocialShapeTests {
    static func auto(_ json: String) throws -> ParseResult {
        try DocumentParser.parse(Array(json.utf8), context: SocialFixture.context())
    }

    static func forced(_ json: String, _ platform: Platform) throws -> ParseResult {
        try SocialPayloadParser.parse(Array(json.utf8), platform: platform, context: SocialFixture.context())
    }

    @Test("Escaped text: five names and scalar references decode once; anything else stays", arguments: [
        ("Q&amp;A &lt;b&gt; &quot;x&quot; &apos;y&apos;", "Q&A <b> \"x\" 'y'"),
        ("&amp;lt; stays one level", "&lt; stays one level"),
        ("&#3232;_&#x CA0;&#xca0;", "ಠ_&#x CA0;ಠ"),
        ("&#99999999999; &#x110000; &#xD800; &#0; &#x7f; &#10;", "&#99999999999; &#x110000; &#xD800; &#0; &#x7f; \n"),
        ("&amp &; &#; &#x; &nbsp; & trailing &", "&amp &; &#; &#x; &nbsp; & trailing &"),
        ("no references", "no references"),
    ])
    func escapedText(input: String, output: String) {
        #expect(EscapedText.unescape(input) == output)
    }

    @Test("Auto-detection names the platform from structure alone", arguments: [
        (#"[{"id": "1", "uri": "https://m.example/s/1", "account": {"acct": "a"}, "content": "<p>x</p>", "created_at": "2018-05-14T00:00:00Z"}]"#, Platform.mastodon),
        (#"{"ancestors": [], "descendants": [{"id": "1", "uri": "u", "content": "", "created_at": null}]}"#, .mastodon),
        (#"{"feed": [{"post": {"uri": "at://d/app.bsky.feed.post/1", "author": {"did": "d"}, "record": {"text": "x"}}}]}"#, .bluesky),
        (#"{"uri": "at://did:plc:a/app.bsky.feed.post/1", "cid": "c", "value": {"text": "x", "createdAt": "2018-05-14T00:00:00Z"}}"#, .bluesky),
        (#"[{"kind": "Listing", "data": {"children": []}}, {"kind": "Listing", "data": {"children": []}}]"#, .reddit),
        (#"{"data": {"id": "20", "text": "one post"}}"#, .x),
        (#"{"id": 8863, "type": "story", "by": "dhouston", "time": 1175714200, "title": "My YC app: Dropbox"}"#, .hackernews),
        (#"{"hits": [], "nbPages": 0}"#, .hackernews),
    ])
    func detection(json: String, platform: Platform) throws {
        let result = try Self.auto(json)
        #expect(result.platform == platform)
        #expect(result.items.isEmpty == result.warnings.contains { $0.contains("holds no posts") })
    }

    @Test("Auto-detection refuses what it cannot name, saying what it saw", arguments: [
        ("[1, 2, 3]", "parse: zte-test: JSON array of numbers is no supported shape"),
        ("{\"a\": [\"x\"]}", "parse: zte-test: JSON object with keys [a] is no supported shape"),
        (#"{"c": 1, "a": {}, "b": []}"#, "parse: zte-test: JSON object with keys [a, b, c] is no supported shape"),
        (#"[{"id": "1", "username": "ana", "acct": "ana", "created_at": "2018-05-14T00:00:00Z"}]"#,
         "parse: zte-test: JSON array of 1 object with keys [acct, created_at, id, username] is no supported shape"),
        (#"{"error": "The access token is invalid"}"#, "parse: zte-test: JSON object with keys [error] is no supported shape (it says: The access token is invalid)"),
    ])
    func refusal(json: String, message: String) throws {
        let error = try #require(throws: ParseError.self) { try Self.auto(json) }
        #expect(error.message == message)
    }

    @Test("An empty array or empty result list has no items and says so")
    func emptyLists() throws {
        let empty = try Self.auto("[]")
        #expect(empty.items.isEmpty)
        #expect(empty.warnings == ["the document is an empty JSON array"])
        let search = try Self.auto(#"{"posts": [], "hitsTotal": 0}"#)
        #expect(search.platform == .bluesky)
        #expect(search.warnings == ["the bluesky response holds no posts"])
    }

    @Test("Generic JSON with ids is still read when no platform matches")
    func genericFallback() throws {
        let result = try Self.auto(#"{"data": {"list": [{"idstr": "42", "text": "hi"}]}}"#)
        #expect(result.platform == .json)
        #expect(result.items.map(\.nativeID) == ["42"])
    }

    @Test("JSON Lines: an X filtered stream, blank keep-alive lines skipped, errors naming their line")
    func jsonLines() throws {
        let stream = """
            {"data": {"id": "1578466218075312129", "text": "a &amp; b", "author_id": "7"}, "includes": {"users": [{"id": "7", "username": "pat"}]}, "matching_rules": [{"id": "1", "tag": "zte"}]}

            {"data": {"id": "1578466218075312130", "text": "second"}, "matching_rules": [{"id": "1", "tag": "zte"}]}
            """
        for result in [try Self.auto(stream), try Self.forced(stream, .x)] {
            #expect(result.platform == .x)
            #expect(result.items.map(\.nativeID) == ["1578466218075312129", "1578466218075312130"])
            #expect(result.items[0].text == "a & b")
            #expect(result.items[0].url == "https://x.com/pat/status/1578466218075312129")
        }
        // A line that cannot be used is skipped with a warning; the others are kept.
        let cases = [
            ("\n{\"data\": {\"id\": \"3\", \"text\": 5}}", "skipped line 4: unexpected type at data.text (expected string, found number)"),
            ("\n{\"data\": ", "skipped malformed JSON at line 4, column 10: unexpected end of input, expected a value"),
            ("\n{\"errors\": [{\"title\": \"operational-disconnect\", \"detail\": \"This stream has been disconnected.\"}]}",
             "skipped line 4: the X API answered with an error: This stream has been disconnected."),
            ("\n{\"z\": 1}", "skipped line 4: JSON object with keys [z] is no supported X shape"),
        ]
        for (tail, warning) in cases {
            let result = try Self.forced(stream + tail, .x)
            #expect(result.items.map(\.nativeID) == ["1578466218075312129", "1578466218075312130"])
            #expect(result.recovered)
            #expect(result.warnings.first == warning)
        }
        let auto = try Self.auto(stream + "\n{\"z\": 1}")
        #expect(auto.items.count == 2)
        #expect(auto.warnings.first == "skipped line 4: JSON object with keys [z] is no supported shape")
        // With no line giving a post, the first failure is the error.
        let none = try #require(throws: ParseError.self) { try Self.forced("{\"data\": {\"id\": \"3\", \"text\": 5}}\n{\"data\": ", .x) }
        #expect(none.message == "parse: zte-test: line 1: unexpected type at data.text (expected string, found number)")
        // Not JSON Lines at all: the error of the whole document.
        let garbage = try #require(throws: ParseError.self) { try Self.forced("{\"data\": []}\n}}}", .x) }
        #expect(garbage.message == "parse: zte-test: malformed JSON at line 2, column 1: unexpected character '}', expected a value")
    }

    @Test("Flattened X posts (twarc --flatten) carry their author inline")
    func flattenedX() throws {
        let lines = """
            {"id": "1380242596900044806", "text": "Ok! &amp; more", "author_id": "13", "conversation_id": "1380242596900044806", "created_at": "2021-04-08T19:34:13.000Z", "author": {"id": "13", "username": "WorthyOfSaw", "name": "Fanny"}, "__twarc": {"version": "2.0.3"}}
            {"id": "1380242611781386245", "text": "RT @w: x", "author_id": "14", "referenced_tweets": [{"type": "retweeted", "id": "1380175475545362437"}], "author": {"id": "14", "username": "alex"}}
            """
        let result = try Self.auto(lines)
        #expect(result.platform == .x)
        #expect(result.items.map(\.text) == ["Ok! & more", "RT @w: x"])
        #expect(result.items[0].author == Author(name: "Fanny", handle: "WorthyOfSaw", url: "https://x.com/WorthyOfSaw"))
        #expect(result.items[0].url == "https://x.com/WorthyOfSaw/status/1380242596900044806")
        #expect(result.items[1].kind == .repost)
        #expect(result.items[1].repostOf == "1380175475545362437")
    }

    @Test("Hacker News Firebase items: stories, comments with their direct replies, deleted items skipped")
    func firebase() throws {
        let json = """
            [{"by": "dhouston", "descendants": 71, "id": 8863, "kids": [8952, 9224], "score": 111, "time": 1175714200,
              "title": "My YC app: Dropbox - Throw away your USB drive", "type": "story", "url": "http://www.getdropbox.com/u/2/screencast.html"},
             {"by": "norvig", "id": 2921983, "kids": [2922097, 2922429, 2924562], "parent": 2921506,
              "text": "Aw shucks, guys &amp; thanks", "time": 1314211127, "type": "comment"},
             {"deleted": true, "id": 2922097, "parent": 2921983, "time": 1314212000, "type": "comment"},
             {"by": "pat", "id": 160705, "poll": 160704, "score": 335, "text": "Yes, ban them", "time": 1207886576, "type": "pollopt"}]
            """
        let result = try Self.auto(json)
        #expect(result.platform == .hackernews)
        #expect(result.items.map(\.nativeID) == ["8863", "2921983", "160705"])
        #expect(result.warnings == ["skipped deleted item 2922097"])
        let story = result.items[0]
        #expect(story.kind == .post)
        #expect(story.url == "https://news.ycombinator.com/item?id=8863")
        #expect(story.title == "My YC app: Dropbox - Throw away your USB drive")
        #expect(story.metrics == Metrics(replies: 71, score: 111))
        #expect(story.publishedAt == Date(timeIntervalSince1970: 1_175_714_200))
        let comment = result.items[1]
        #expect(comment.kind == .reply)
        #expect(comment.inReplyTo == "2921506")
        #expect(comment.metrics?.replies == 3)
        #expect(comment.text == "Aw shucks, guys & thanks")
        #expect(result.items[2].inReplyTo == "160704")
    }

    @Test("Hostile Firebase items: huge numbers and wrong types", arguments: [
        (#"{"id": 99999999999999999999999, "type": "story", "by": "a", "time": 1e300, "title": "t"}"#, nil as String?),
        (#"{"id": 1, "type": "comment", "by": "a", "time": 1, "kids": 5}"#, "unexpected type at kids (expected array, found number)"),
        (#"{"id": 1, "type": "story", "by": 7, "time": 1}"#, "unexpected type at by (expected string, found number)"),
    ])
    func hostileFirebase(json: String, error: String?) throws {
        if let error {
            let thrown = try #require(throws: ParseError.self) { try Self.forced(json, .hackernews) }
            #expect(thrown.message == "parse: zte-test: \(error)")
        } else {
            let item = try #require(try Self.forced(json, .hackernews).items.first)
            #expect(item.nativeID == "99999999999999999999999")
            #expect(item.publishedAt == nil)
        }
    }

    @Test("Mastodon: notifications without a status are skipped, repeated statuses kept once, boosts link a page")
    func mastodonEntries() throws {
        let status = #"{"id": "9", "uri": "https://m.example/users/a/statuses/9", "url": "https://m.example/@a/9", "content": "<p>hi</p>", "created_at": "2018-05-14T00:00:00Z", "account": {"acct": "a", "url": "https://m.example/@a"}}"#
        let boost = #"{"id": "10", "uri": "https://m.example/users/b/statuses/10/activity", "url": null, "content": "", "created_at": "2018-05-14T01:00:00Z", "account": {"acct": "b"}, "reblog": {"id": "9", "uri": "https://m.example/users/a/statuses/9", "content": "<p>hi</p>"}}"#
        let json = """
            [{"id": "1", "type": "follow", "created_at": "2018-05-14T00:00:00Z", "account": {"acct": "x"}},
             {"id": "2", "type": "favourite", "created_at": "2018-05-14T00:00:00Z", "account": {"acct": "x"}, "status": \(status)},
             {"id": "3", "type": "reblog", "created_at": "2018-05-14T00:00:00Z", "account": {"acct": "y"}, "status": \(status)},
             {"id": "4", "type": "mention", "created_at": "2018-05-14T00:00:00Z", "account": {"acct": "b"}, "status": \(boost)},
             {"id": "5", "unread": false, "accounts": [], "last_status": null}]
            """
        let result = try Self.auto(json)
        #expect(result.platform == .mastodon)
        #expect(result.items.map(\.nativeID) == ["9", "10"])
        #expect(result.warnings == ["skipped [0]: follow without a status", "skipped [4]: conversation without a status"])
        // The boosted status has no url here: its uri is the page.
        #expect(result.items[1].url == "https://m.example/users/a/statuses/9")
        #expect(result.items[1].repostOf == result.items[0].nativeID)
    }

    @Test("Hostile Mastodon shapes fail with the path", arguments: [
        (#"{"id": "1", "uri": "u", "content": "", "created_at": null, "reblog": {"id": 9, "uri": "v"}}"#, "unexpected type at reblog.id (expected string, found number)"),
        (#"{"id": "1", "uri": "u", "content": "", "created_at": null, "reblog": {"id": "9"}}"#, "missing string at reblog.uri"),
        (#"[{"id": "1", "type": "mention", "account": {}, "status": 5}]"#, "unexpected type at [0].status (expected object, found number)"),
        (#"{"statuses": [{"id": "1", "uri": "u", "quote": {"quoted_status_id": 7}}]}"#, "unexpected type at statuses[0].quote.quoted_status_id (expected string, found number)"),
    ])
    func hostileMastodon(json: String, message: String) throws {
        let error = try #require(throws: ParseError.self) { try Self.forced(json, .mastodon) }
        #expect(error.message == "parse: zte-test: \(message)")
    }

    @Test("A withdrawn quote links nothing")
    func withdrawnQuote() throws {
        let json = #"{"id": "1", "uri": "u", "content": "<p>q</p>", "created_at": null, "quote": {"state": "deleted", "quoted_status": null}}"#
        #expect(try Self.forced(json, .mastodon).items.map(\.quoteOf) == [nil])
    }

    @Test("Bluesky: a thread with missing and blocked posts, a link-card post, a repost record and a like record")
    func blueskyShapes() throws {
        let post = { (rkey: String, reply: String) in
            #"{"uri": "at://did:plc:a/app.bsky.feed.post/\#(rkey)", "author": {"did": "did:plc:a", "handle": "a.example"}, "record": {"text": "\#(rkey)", "createdAt": "2018-05-14T00:00:00Z"\#(reply)}}"#
        }
        let thread = """
            {"thread": {"$type": "app.bsky.feed.defs#threadViewPost", "post": \(post("2", "")),
              "parent": {"$type": "app.bsky.feed.defs#threadViewPost", "post": \(post("1", "")), "parent": {"$type": "app.bsky.feed.defs#notFoundPost", "uri": "at://x", "notFound": true}},
              "replies": [{"$type": "app.bsky.feed.defs#threadViewPost", "post": \(post("3", "")), "replies": [{"$type": "app.bsky.feed.defs#threadViewPost", "post": \(post("4", ""))}]},
                          {"$type": "app.bsky.feed.defs#blockedPost", "uri": "at://y", "blocked": true}]}}
            """
        let result = try Self.auto(thread)
        #expect(result.items.map(\.text) == ["1", "2", "3", "4"])
        #expect(result.warnings == ["skipped app.bsky.feed.defs#notFoundPost at thread.parent.parent", "skipped app.bsky.feed.defs#blockedPost at thread.replies[1]"])

        let card = #"{"posts": [{"uri": "at://did:plc:a/app.bsky.feed.post/5", "author": {"did": "did:plc:a"}, "record": {"text": "", "embed": {"$type": "app.bsky.embed.external", "external": {"uri": "https://news.example/a", "title": " ZTE deal ", "description": "Sales resume."}}}}]}"#
        #expect(try Self.auto(card).items.map(\.text) == ["ZTE deal\n\nSales resume."])
        let badCard = card.replacingOccurrences(of: #""title": " ZTE deal ""#, with: #""title": 5"#)
        let error = try #require(throws: ParseError.self) { try Self.auto(badCard) }
        #expect(error.message == "parse: zte-test: unexpected type at posts[0].record.embed.external.title (expected string, found number)")

        let repost = """
            {"feed": [{"post": \(post("6", "")), "reason": {"$type": "app.bsky.feed.defs#reasonRepost", "by": {"did": "did:plc:b", "handle": "b.example"},
              "uri": "at://did:plc:b/app.bsky.feed.repost/7", "indexedAt": "2018-05-15T00:00:00Z"}}]}
            """
        let item = try #require(try Self.auto(repost).items.first)
        #expect(item.nativeID == "at://did:plc:b/app.bsky.feed.repost/7")
        #expect(item.id == ItemID.make(platform: .bluesky, key: "at://did:plc:b/app.bsky.feed.repost/7"))
        #expect(item.repostOf == "at://did:plc:a/app.bsky.feed.post/6")

        let records = #"{"records": [{"uri": "at://did:plc:a/app.bsky.feed.like/1", "value": {"$type": "app.bsky.feed.like", "subject": {}}}, {"uri": "at://did:plc:a/app.bsky.feed.post/8", "value": {"$type": "app.bsky.feed.post", "text": "kept"}}]}"#
        let listed = try Self.auto(records)
        #expect(listed.items.map(\.text) == ["kept"])
        #expect(listed.warnings == ["skipped a app.bsky.feed.like record at records[0]"])
    }

    @Test("Bluesky notifications give the posts they carry (replies, mentions, quotes)")
    func blueskyNotifications() throws {
        let json = """
            {"notifications": [
              {"uri": "at://did:plc:f/app.bsky.graph.follow/1", "author": {"did": "did:plc:f", "handle": "f.example"}, "reason": "follow",
               "record": {"$type": "app.bsky.graph.follow", "subject": "did:plc:me", "createdAt": "2023-10-05T16:34:04.545Z"}, "indexedAt": "2023-10-05T16:34:04.545Z"},
              {"uri": "at://did:plc:r/app.bsky.feed.post/2", "author": {"did": "did:plc:r", "handle": "r.example"}, "reason": "reply",
               "record": {"$type": "app.bsky.feed.post", "text": "Thanks!", "createdAt": "2023-10-05T17:00:00Z",
                          "reply": {"root": {"uri": "at://did:plc:me/app.bsky.feed.post/1"}, "parent": {"uri": "at://did:plc:me/app.bsky.feed.post/1"}}},
               "indexedAt": "2023-10-05T17:00:01Z"}]}
            """
        let result = try Self.auto(json)
        #expect(result.platform == .bluesky)
        #expect(result.items.map(\.text) == ["Thanks!"])
        #expect(result.items[0].inReplyTo == "at://did:plc:me/app.bsky.feed.post/1")
        #expect(result.items[0].url == "https://bsky.app/profile/r.example/post/2")
        #expect(result.warnings == ["skipped 1 notification without a post (likes, reposts, follows)"])
    }

    @Test("Hostile Reddit comment pages fail with the path or count nothing they cannot see", arguments: [
        (#"[{"kind": "Listing", "data": {"children": [{"kind": "t1", "data": {"name": "t1_a", "replies": 5}}]}}]"#,
         "unexpected type at [0].data.children[0].data.replies (expected Listing or empty string, found number)"),
        (#"[{"kind": "Listing", "data": {"children": [{"kind": "t1", "data": {"name": "t1_a", "replies": {"kind": "Listing", "data": {"children": [{"kind": "more", "data": {"children": 3}}]}}}}]}}]"#,
         "unexpected type at [0].data.children[0].data.replies.data.children[0].data.children (expected array, found number)"),
    ])
    func hostileReddit(json: String, message: String) throws {
        let error = try #require(throws: ParseError.self) { try Self.forced(json, .reddit) }
        #expect(error.message == "parse: zte-test: \(message)")
    }

    /// A count beyond Int64 is no information: the post is kept with that metric null (issue #12:
    /// one absurd number must not cost the page its other items).
    @Test("Counts no counter can hold are null, the item kept")
    func hugeCountsAreNull() throws {
        let reddit = #"{"kind": "Listing", "data": {"children": [{"kind": "t3", "data": {"name": "t3_a", "num_comments": 1e30, "score": 5}}]}}"#
        let post = try #require(try Self.forced(reddit, .reddit).items.first)
        #expect(post.nativeID == "t3_a")
        #expect(post.metrics?.replies == nil)
        #expect(post.metrics?.score == 5)
        let hn = #"{"id": 1, "type": "story", "by": "a", "time": 1, "score": 1e40, "descendants": 2}"#
        let story = try #require(try Self.forced(hn, .hackernews).items.first)
        #expect(story.metrics?.score == nil)
        #expect(story.metrics?.replies == 2)
    }

    @Test("Reddit morechildren: the comments a more stub stood for")
    func redditMoreChildren() throws {
        let json = #"{"json": {"errors": [], "data": {"things": [{"kind": "t1", "data": {"name": "t1_b", "parent_id": "t1_a", "body": "x &gt; y", "replies": "", "score": 2}}, {"kind": "more", "data": {"children": ["c"]}}]}}}"#
        let result = try Self.auto(json)
        #expect(result.platform == .reddit)
        #expect(result.items.map(\.nativeID) == ["t1_b"])
        #expect(result.items[0].text == "x > y")
        #expect(result.items[0].inReplyTo == "t1_a")
        #expect(result.items[0].metrics == Metrics(replies: nil, score: 2))
    }

    @Test("A Reddit reply Listing without data counts as unknown, not zero")
    func redditRepliesWithoutData() throws {
        let json = #"[{"kind": "Listing", "data": {"children": [{"kind": "t1", "data": {"name": "t1_a", "body": "x", "score": 1, "replies": {"kind": "Listing"}}}]}}]"#
        #expect(try Self.forced(json, .reddit).items.map(\.metrics?.replies) == [nil])
    }

    @Test("X errors beside data are warnings; a lone object without text is no post")
    func xPartialErrors() throws {
        let json = #"{"data": [{"id": "1", "text": "kept"}], "errors": [{"title": "Not Found Error", "detail": "Could not find tweet with ids: [2]."}]}"#
        let result = try Self.auto(json)
        #expect(result.items.map(\.text) == ["kept"])
        #expect(result.warnings == ["the X API reported: Could not find tweet with ids: [2]."])
        let user = try #require(throws: ParseError.self) { try Self.forced(#"{"data": {"id": "7", "username": "pat"}}"#, .x) }
        #expect(user.message == "parse: zte-test: JSON object with keys [data] is no supported X shape")
    }
}
