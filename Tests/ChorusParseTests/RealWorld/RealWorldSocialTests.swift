import ChorusModel
import Foundation
import Testing
@testable import ChorusParse

/// Every captured social response in ../shared/realworld/social, read in place: `items` and
/// `accept` files give their posts with `--platform auto` as with the platform given; `other`
/// files (no posts) are an error naming what they hold. Counts were judged from the raw JSON
/// (top-level posts; each status of notifications and conversations once; comment trees and
/// threads flattened).
@Suite("Real-world social responses")
struct RealWorldSocialTests {
    static let counts: [String: Int] = [
        "social/bluesky/app.bsky.feed.getFeed-35f594_e40a797_getFeed_0.json": 50,
        "social/bluesky/app.bsky.feed.searchPosts-5d343d_4ac1fff_searchPosts_0.json": 23,
        "social/bluesky/f_autfeed_getAuthorFeed_0.json": 50,
        "social/bluesky/f_getlikes_getActorLikes_0.json": 7,
        "social/bluesky/f_getquotes_getQuotes_0.json": 2,
        "social/bluesky/f_postthread_getPostThread_0.json": 1,
        "social/bluesky/f_timeline_getTimeline_0.json": 49,
        "social/bluesky/r_getRecord_post_0.json": 1,
        "social/bluesky/r_post_delete_like_post_0.json": 1,
        "social/hackernews/xiaochi_mockResponse_foo.json": 10,
        "social/mastodon/WRAPPED_mastodon_social_single_statuses.json": 11,
        "social/mastodon/test_bookmarks_2.json": 1,
        "social/mastodon/test_conversations_2.json": 2,
        "social/mastodon/test_entity_context_0.json": 2,
        "social/mastodon/test_entity_filterresult_0.json": 1,
        "social/mastodon/test_entity_mediaattachment_0.json": 1,
        "social/mastodon/test_entity_mediaattachmentvideometadata_0.json": 1,
        "social/mastodon/test_entity_poll_0.json": 1,
        "social/mastodon/test_entity_previewcardauthor_2.json": 1,
        "social/mastodon/test_entity_searchv2_2.json": 2,
        "social/mastodon/test_fetch_next_previous_12.json": 5,
        "social/mastodon/test_fetch_next_previous_after_persist_12.json": 5,
        "social/mastodon/test_fetch_next_previous_from_pagination_info_12.json": 5,
        "social/mastodon/test_fetch_remaining_32.json": 10,
        "social/mastodon/test_filter_serverside_9.json": 2,
        "social/mastodon/test_follow_with_notify_reblog_5.json": 1,
        "social/mastodon/test_follow_with_notify_reblog_6.json": 1,
        "social/mastodon/test_get_pagination_info_11.json": 5,
        "social/mastodon/test_home_tl_1.json": 13,
        "social/mastodon/test_list_timeline_5.json": 7,
        "social/mastodon/test_min_max_id_datetimes_1.json": 1,
        "social/mastodon/test_notifications_1.json": 1,
        "social/mastodon/test_notifications_dismiss_1.json": 4,
        "social/mastodon/test_notifications_mentions_only_1.json": 1,
        "social/mastodon/test_pagination_iterator_32.json": 10,
        "social/mastodon/test_pagination_iterator_33.json": 10,
        "social/mastodon/test_public_tl_2.json": 8,
        "social/reddit/TestCommentForest.test_comment_forest_refresh_error_1.json": 100,
        "social/reddit/TestCommentForest.test_replace__all_1.json": 477,
        "social/reddit/TestCommentForest.test_replace__all_large_1.json": 486,
        "social/reddit/TestDomainListing.test_new_1.json": 100,
        "social/reddit/TestDomainListing.test_top_1.json": 100,
        "social/reddit/TestFront.test_best_1.json": 100,
        "social/reddit/TestFront.test_hot_1.json": 100,
        "social/reddit/TestMultiredditListings.test_hot_1.json": 100,
        "social/reddit/TestMultiredditListings.test_top_1.json": 100,
        "social/reddit/TestRedditor.test_stream__comments_1.json": 100,
        "social/reddit/TestRedditor.test_stream__comments_4.json": 98,
        "social/reddit/TestRedditorListings.test_overview__new_1.json": 100,
        "social/reddit/TestSubmission.test_hide_multiple_in_batches_1.json": 100,
        "social/reddit/TestSubredditListings.test_controversial_1.json": 100,
        "social/reddit/TestSubredditModeration.test_unmoderated_1.json": 100,
        "social/x/test_asyncclient_bookmarks_2.json": 1,
        "social/x/test_asyncclient_get_home_timeline_0.json": 98,
        "social/x/test_asyncclient_get_liked_tweets_0.json": 96,
        "social/x/test_asyncclient_get_list_tweets_0.json": 97,
        "social/x/test_asyncclient_get_quote_tweets_0.json": 9,
        "social/x/test_asyncclient_get_tweet_0.json": 1,
        "social/x/test_asyncclient_get_tweets_0.json": 2,
        "social/x/test_asyncclient_get_users_mentions_0.json": 2,
        "social/x/test_asyncclient_get_users_tweets_0.json": 2,
        "social/x/test_asyncclient_manage_and_lookup_direct_messages_4.json": 2,
        "social/x/test_asyncclient_search_all_tweets_0.json": 10,
        "social/x/test_asyncclient_search_recent_tweets_0.json": 10,
        "social/x/test_client_get_users_mentions_0.json": 10,
        "social/x/test_client_get_users_tweets_0.json": 2,
        "social/x/test_client_search_all_tweets_0.json": 10,
        "social/x/test_client_search_recent_tweets_0.json": 10,
        "social/x/test_manage_and_lookup_direct_messages_4.json": 2,
    ]

    @Test("Every items and accept file yields its posts, auto-detected as with the platform given",
          arguments: RealWorldSocial.entries.filter { $0.kind != "other" })
    func posts(entry: RealWorldSocial.Entry) throws {
        let auto = try RealWorldSocial.auto(entry.path)
        let forced = try RealWorldSocial.forced(entry.path, entry.platform)
        #expect(auto.platform == entry.platform)
        #expect(auto.items.count == Self.counts[entry.path])
        #expect(auto.items.map(\.id) == forced.items.map(\.id))
        #expect(auto.items.allSatisfy { $0.platform == entry.platform && $0.source == "rw" })
        #expect(Set(auto.items.map(\.id)).count == auto.items.count, "ids are unique within a response")
    }

    @Test("The pinned table covers every items and accept file")
    func tableIsComplete() throws {
        try RealWorldSocial.requireCollection()
        #expect(Set(RealWorldSocial.entries.filter { $0.kind != "other" }.map(\.path)) == Set(Self.counts.keys))
        #expect(RealWorldSocial.entries.filter { $0.kind == "other" }.count == 5)
    }

    @Test("Files without posts are an error naming what they hold, auto-detected or forced",
          arguments: RealWorldSocial.entries.filter { $0.kind == "other" })
    func others(entry: RealWorldSocial.Entry) throws {
        let auto = try #require(throws: ParseError.self) { try RealWorldSocial.auto(entry.path) }
        #expect(auto.message.hasPrefix("parse: rw: JSON "))
        #expect(auto.message.hasSuffix("is no supported shape"))
        let forced = try #require(throws: ParseError.self) { try RealWorldSocial.forced(entry.path, entry.platform) }
        #expect(forced.message.contains("is no supported"))
    }

    @Test("What the other files hold is named by their keys")
    func otherMessages() throws {
        let likes = try #require(throws: ParseError.self) { try RealWorldSocial.auto("social/bluesky/f_postlikes_getLikes_0.json") }
        #expect(likes.message == "parse: rw: JSON object with keys [likes, uri] is no supported shape")
        let edits = try #require(throws: ParseError.self) {
            try RealWorldSocial.forced("social/mastodon/test_status_edit_4.json", .mastodon)
        }
        #expect(edits.message == "parse: rw: JSON array of 2 objects with keys [account, content, created_at, emojis, "
            + "media_attachments, sensitive, spoiler_text] is no supported Mastodon shape")
    }
}
