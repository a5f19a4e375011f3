import ChorusModel
import Foundation
import Testing
@testable import ChorusParse

/// Values pinned from reading the raw captured responses in ../shared/realworld/social.
@Suite("Real-world social values")
struct RealWorldSocialValueTests {
    typealias RW = RealWorldSocial

    @Test("X texts are unescaped: no entity is left in any captured post")
    func xText() throws {
        try RW.requireCollection()
        var texts: [String] = []
        for entry in RW.entries where entry.platform == .x {
            texts += try RW.auto(entry.path).items.compactMap(\.text)
        }
        #expect(texts.count > 300)
        #expect(texts.filter { $0.contains("&amp;") || $0.contains("&lt;") || $0.contains("&gt;") }.isEmpty)
        let home = try RW.auto("social/x/test_asyncclient_get_home_timeline_0.json").items
        #expect(try RW.item(home, "1577678849445355527").text == "NYC < London (weather this week)")
        #expect(try RW.item(home, "1578095129495482369").text?.hasPrefix("So @alanbenlee @snowman & I are testing") == true)
        #expect(try RW.item(home, "1577470977516400640").text?.contains("edited Tweets -> https://t.co/DMtknKt2yZ") == true)
    }

    @Test("An X single-post lookup is one item")
    func xSingle() throws {
        let items = try RW.auto("social/x/test_asyncclient_get_tweet_0.json").items
        #expect(items.count == 1)
        #expect(items[0].nativeID == "1293593516040269825")
        #expect(items[0].url == "https://x.com/i/status/1293593516040269825")
        #expect(items[0].text?.hasPrefix("It’s finally here! 🥁 Say hello to the new #TwitterAPI.\n\n") == true)
    }

    @Test("X direct-message events are read, without a status page they do not have")
    func xDirectMessages() throws {
        let items = try RW.auto("social/x/test_manage_and_lookup_direct_messages_4.json").items
        #expect(items.map(\.text) == ["Testing 2", "Testing 1"])
        #expect(items.map(\.nativeID) == ["1585800613752881156", "1585800613253812228"])
        #expect(items.allSatisfy { $0.url == nil })
    }

    @Test("Reddit bodies are unescaped as Reddit renders them")
    func redditText() throws {
        let small = try RW.auto("social/reddit/TestCommentForest.test_replace__all_1.json").items
        #expect(try RW.item(small, "t1_cu5wwkd").text == "https://www.youtube.com/watch?v=BdsQBqN7bCw&feature=youtu.be&t=15s")
        let large = try RW.auto("social/reddit/TestCommentForest.test_replace__all_large_1.json").items
        #expect(try RW.item(large, "t1_c3652au").text == "licking what? ಠ\\_ಠ")
        #expect(large[0].title == "We're back")
    }

    @Test("A comment page: the post, then every comment depth-first, each after its parent")
    func redditTree() throws {
        let items = try RW.auto("social/reddit/TestCommentForest.test_replace__all_1.json").items
        #expect(items[0].nativeID == "t3_3hahrw")
        #expect(items[0].kind == .post)
        #expect(items[0].metrics?.replies == 543)
        var seen: Set<String> = []
        for item in items {
            if item.kind == .reply { #expect(seen.contains(item.inReplyTo ?? ""), "\(item.nativeID ?? "") before its parent") }
            seen.insert(item.nativeID ?? "")
        }
        #expect(items.dropFirst().allSatisfy { $0.kind == .reply })
    }

    @Test("A comment's reply count is its own direct replies, null when the response does not hold it", arguments: [
        ("t1_cu5uat1", 10 as Int64?),  // eight comments and a `more` stub listing two ids
        ("t1_cu5t0tk", 4),  // only a `more` stub listing four ids
        ("t1_cu5tlz5", 3),  // two comments and a `more` stub listing one id
        ("t1_cu61zil", nil),  // "continue this thread": the count is not in the response
        ("t1_cu5wwkd", 0),  // `replies: ""` inside a comment tree
    ])
    func redditReplyCounts(id: String, replies: Int64?) throws {
        let items = try RW.auto("social/reddit/TestCommentForest.test_replace__all_1.json").items
        #expect(try RW.item(items, id).metrics?.replies == replies)
    }

    @Test("Comments in flat listings never carry the submission's comment count")
    func redditFlatListings() throws {
        for path in ["social/reddit/TestRedditor.test_stream__comments_1.json", "social/reddit/TestRedditorListings.test_overview__new_1.json"] {
            let comments = try RW.auto(path).items.filter { $0.kind == .reply }
            #expect(!comments.isEmpty)
            #expect(comments.allSatisfy { $0.metrics?.replies == nil && $0.metrics?.score != nil })
        }
    }

    @Test("Mastodon ids are one space: replies and quotes name statuses by their id")
    func mastodonIDs() throws {
        let context = try RW.auto("social/mastodon/test_entity_context_0.json").items
        #expect(context.map(\.nativeID) == ["110446983178245440", "110446984249325790"])
        #expect(context[1].inReplyTo == "110446983926957470")
        #expect(context[0].id == ItemID.make(platform: .mastodon, key: "https://mastodon.social/users/halcy/statuses/110446983178245440"))
        let wrapped = try RW.auto("social/mastodon/WRAPPED_mastodon_social_single_statuses.json").items
        // A quote with the quoted status inline, and one shown shallowly by id.
        #expect(try RW.item(wrapped, "115044073088181107").quoteOf == "115044070560414080")
        let single = try RW.auto("social/mastodon/test_entity_mediaattachment_0.json").items
        #expect(single.map(\.nativeID) == ["110447012773105565"])
        #expect(single[0].inReplyTo == "110447003454258227")
        #expect(try RW.item(wrapped, "110447003454258227").inReplyTo == "110447001287656894")
    }

    @Test("Notifications and conversations give the statuses they carry")
    func mastodonNotifications() throws {
        let notifications = try RW.auto("social/mastodon/test_notifications_dismiss_1.json").items
        #expect(notifications.map(\.nativeID) == ["102945690775911999", "102945648378590632", "102317292327454763", "102317294005876209"])
        #expect(notifications[0].text == "@mastodonpy_test hello!")
        #expect(notifications[0].author?.handle == "admin@localhost")
        let conversations = try RW.auto("social/mastodon/test_conversations_2.json").items
        #expect(conversations.map(\.nativeID) == ["117020593780198542", "117020588388552703"])
        #expect(conversations[1].kind == .reply)
    }

    @Test("A Bluesky thread and post records: the post, with what the record says")
    func blueskyThreadAndRecords() throws {
        let thread = try RW.auto("social/bluesky/f_postthread_getPostThread_0.json").items
        let uri = "at://did:plc:ic6zqvuw5ulmfpjiwnhsr2ns/app.bsky.feed.post/3k7qmjev5lr2s"
        #expect(thread.map(\.nativeID) == [uri])
        #expect(thread[0].author?.handle == "soubhikbarari.bsky.social")
        #expect(thread[0].metrics == Metrics(likes: 4, reposts: 0, replies: 0, quotes: 0))
        let record = try RW.auto("social/bluesky/r_getRecord_post_0.json").items
        #expect(record.map(\.id) == thread.map(\.id), "the record and the thread's post are one item")
        #expect(record[0].text == thread[0].text)
        #expect(record[0].url == "https://bsky.app/profile/did:plc:ic6zqvuw5ulmfpjiwnhsr2ns/post/3k7qmjev5lr2s")
        #expect(record[0].publishedAt == thread[0].publishedAt)
        let quote = try RW.auto("social/bluesky/r_post_delete_like_post_0.json").items
        #expect(quote[0].quoteOf == "at://did:plc:5c2r73erhng4bszmxlfdtscf/app.bsky.feed.post/3kf24wd6cmb2a")
    }

    @Test("A Bluesky repost without its record URI keeps an identity of its own")
    func blueskyReposts() throws {
        let items = try RW.auto("social/bluesky/f_autfeed_getAuthorFeed_0.json").items
        let reposts = items.filter { $0.kind == .repost }
        #expect(reposts.count == 7)
        #expect(reposts.allSatisfy { $0.nativeID == nil && $0.repostOf != nil && $0.author?.handle == "chriskenny.bsky.social" })
        let first = reposts[0]
        #expect(first.repostOf == "at://did:plc:n65dhyosfrm6t7jhzum76exq/app.bsky.feed.post/3lnneysi3ps2c")
        #expect(first.id == ItemID.make(platform: .bluesky, key: "repost:did:plc:wpe35pganb6d4pg4ekmfy6u5|\(first.repostOf ?? "")"))
        #expect(first.id != ItemID.make(platform: .bluesky, key: first.repostOf ?? ""))
    }
}
