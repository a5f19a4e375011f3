import ChorusModel
import ChorusParse
import Foundation
import Testing

/// Every real site feed of `../shared/realworld/feeds` parses with all its items. The counts
/// are the entries a reader sees in each raw document (feedparser's count, less the ten empty
/// `<item />`s it invents in node-feedparser__illegally-nested.xml); scripts/realworld-check
/// measures the fields of each item against judged values.
@Suite("Real-world feeds: every item")
struct RealWorldCountTests {
    static let counts: [String: Int] = [
        "feedjira__AmazonWebServicesBlog.xml": 10,
        "feedjira__AtomFeedWithSpacesAroundEquals.xml": 1,
        "feedjira__CRE.xml": 30,
        "feedjira__DuplicateContentAtomFeed.xml": 10,
        "feedjira__FeedBurnerXHTML.xml": 10,
        "feedjira__FeedjiraBlog.xml": 1,
        "feedjira__GiantRobotsSmashingIntoOtherGiantRobots.xml": 3,
        "feedjira__GoogleDocsList.xml": 2,
        "feedjira__HREFConsideredHarmful.xml": 10,
        "feedjira__HuffPostCanada.xml": 2,
        "feedjira__PaulDixExplainsNothing.xml": 5,
        "feedjira__PaulDixExplainsNothingAlternate.xml": 5,
        "feedjira__PaulDixExplainsNothingWFW.xml": 5,
        "feedjira__RSSWithComments.xml": 30,
        "feedjira__SamRuby.xml": 20,
        "feedjira__TechCrunch.xml": 20,
        "feedjira__TenderLovemaking.xml": 10,
        "feedjira__TrotterCashionHome.xml": 14,
        "feedjira__TypePadNews.xml": 10,
        "feedjira__atom_with_link_tag_for_url_unmarked.xml": 1,
        "feedjira__google_alerts_atom.xml": 20,
        "feedjira__itunes_feedburner.xml": 3,
        "feedjira__json_feed.json": 20,
        "feedjira__json_feed_with_escaped_uris.json": 30,
        "feedjira__old_IanLandsmansWeblogv20.xml": 10,
        "feedjira__pet_atom.xml": 10,
        "feedjira__youtube_atom.xml": 15,
        "feedkit__Ampersand.xml": 20,
        "newsboat__rss.xml": 8,
        "node-feedparser__category-feed.xml": 1,
        "node-feedparser__guid-dupes.xml": 1,
        "node-feedparser__iconv.xml": 10,
        "node-feedparser__illegally-nested.xml": 10,
        "node-feedparser__intertwingly.atom": 20,
        "node-feedparser__mediacontent-dupes.xml": 1,
        "node-feedparser__non-text-alternate-links.xml": 1,
        "node-feedparser__relative-channel-image-url.xml": 1,
        "node-feedparser__rss-with-relative-urls-with-absolute-xmlurl.xml": 2,
        "node-feedparser__rss-with-relative-urls.xml": 2,
        "node-feedparser__tpm-with-empty-base.atom": 20,
        "node-feedparser__tpm-with-fragment-base.atom": 20,
        "node-feedparser__tpm.atom": 20,
        "node-feedparser__wapowellness.xml": 29,
        "rss-parser__atom-customfields.atom": 15,
        "rss-parser__content-encoded.rss": 7,
        "rss-parser__craigslist.rss": 25,
        "rss-parser__customfields.rss": 15,
        "rss-parser__encoding.rss": 40,
        "rss-parser__feedburner.atom": 25,
        "rss-parser__giantbomb-podcast.rss": 730,
        "rss-parser__guardian.rss": 55,
        "rss-parser__gulp-atom.atom": 10,
        "rss-parser__heise.atom": 15,
        "rss-parser__item-itunes-episodeType.rss": 1,
        "rss-parser__itunes-category.rss": 1,
        "rss-parser__itunes-href.rss": 10,
        "rss-parser__itunes-keywords-array.rss": 1,
        "rss-parser__itunes-keywords-astext.rss": 32,
        "rss-parser__itunes-keywords.rss": 1,
        "rss-parser__itunes-missing-image.rss": 131,
        "rss-parser__many-links.rss": 25,
        "rss-parser__narro.rss": 1,
        "rss-parser__reddit-atom.rss": 24,
        "rss-parser__reddit-home.rss": 24,
        "rss-parser__reddit.rss": 24,
        "rss-parser__rss-1.rss": 69,
        "rss-parser__uolNoticias.rss": 15,
        "v2__testdata_encoding_ISO-8859-1.xml": 40,
        "v2__testdata_encoding_WINDOWS-1251.xml": 50,
        "v2__testdata_large_atom.xml": 25,
        "v2__testdata_large_rss.xml": 25,
        "v2__testdata_no_encoding_ISO-8859-1.xml": 10,
        "v2__testdata_rdf_UTF8.xml": 60,
        "v2__testdata_small_atom.xml": 20,
        "v2__testdata_urdu_UTF8.xml": 26,
    ]

    @Test func theListCoversEveryRealFeed() throws {
        #expect(Set(try RealWorld.files(class: "real")) == Set(Self.counts.keys))
    }

    @Test(arguments: counts.keys.sorted())
    func everyRealFeedParsesWithAllItsItems(_ name: String) throws {
        let result = try RealWorld.parse(name)
        #expect(result.items.count == Self.counts[name])
    }
}
