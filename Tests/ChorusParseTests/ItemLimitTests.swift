import ChorusModel
import Foundation
import Testing
@testable import ChorusParse

/// What one item may carry (ItemLimits): hostile entries are cut, in every format.
@Suite("Limits per item")
struct ItemLimitTests {
    @Test("An RSS item with 20,000 distinct categories keeps the first 100")
    func rssCategories() throws {
        let categories = (0..<20_000).map { "<category>c\($0)</category>" }.joined()
        let item = try Fixture.rssItem("<title>t</title><guid>g</guid>\(categories)")
        #expect(item.tags.count == ItemLimits.tags)
        #expect(item.tags.first == "c0")
        #expect(item.tags.last == "c99")
    }

    @Test("Repeated categories are still kept once each")
    func duplicateCategories() throws {
        let item = try Fixture.rssItem("<guid>g</guid><category>a</category><category>b</category><category>a</category>")
        #expect(item.tags == ["a", "b"])
    }

    @Test("Atom enclosures are capped; a JSON Feed's tags and attachments too")
    func enclosuresAndJSONFeed() throws {
        let links = (0..<500).map { "<link rel=\"enclosure\" href=\"https://x.example/\($0).mp3\"/>" }.joined()
        let atom = try Fixture.parse("<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><id>e</id>\(links)</entry></feed>")
        #expect(atom.items.first?.enclosures.count == ItemLimits.enclosures)

        let tags = (0..<300).map { "\"t\($0)\"" }.joined(separator: ",")
        let attachments = (0..<300).map { "{\"url\":\"https://x.example/\($0)\"}" }.joined(separator: ",")
        let json = "{\"version\":\"https://jsonfeed.org/version/1.1\",\"items\":[{\"id\":\"1\",\"tags\":[\(tags)],\"attachments\":[\(attachments)]}]}"
        let item = try #require(try DocumentParser.parse(Array(json.utf8), context: Fixture.context()).items.first)
        #expect(item.tags.count == ItemLimits.tags)
        #expect(item.enclosures.count == ItemLimits.enclosures)
    }

    @Test("A title over the byte limit is cut at a character boundary")
    func longTitle() throws {
        let title = String(repeating: "é", count: ItemLimits.titleBytes)  // two bytes each
        let item = try Fixture.rssItem("<guid>g</guid><title>\(title)</title>")
        let kept = try #require(item.title)
        #expect(kept.utf8.count == ItemLimits.titleBytes)
        #expect(kept.unicodeScalars.allSatisfy { $0 == "é" })
    }

    @Test("prefix never splits a UTF-8 sequence", arguments: [1, 2, 3, 4, 5, 6])
    func prefixBoundary(limit: Int) throws {
        let text = "a€b😀"  // 1 + 3 + 1 + 4 bytes
        let cut = try #require(ItemLimits.prefix(text, bytes: limit))
        #expect(cut.utf8.count <= limit)
        #expect(text.hasPrefix(cut))
    }

    @Test("Social payloads are cut too")
    func socialTags() throws {
        let tags = (0..<300).map { "{\"name\":\"t\($0)\",\"url\":\"https://m.example/tags/t\($0)\"}" }.joined(separator: ",")
        let body = """
            [{"id":"1","uri":"https://m.example/u/1","created_at":"2024-01-01T00:00:00Z","url":"https://m.example/@a/1","content":"<p>hi</p>",
            "account":{"acct":"a","display_name":"A","url":"https://m.example/@a"},"tags":[\(tags)]}]
            """
        let result = try SocialPayloadParser.parse(Array(body.utf8), platform: .mastodon, context: ParseContext(source: "m"))
        #expect(result.items.first?.tags.count == ItemLimits.tags)
    }

    @Test("Auto-detected social documents are cut too (they bypass the platform page path)")
    func autoDetectedSocialTags() throws {
        let tags = (0..<300).map { "{\"name\":\"t\($0)\",\"url\":\"https://m.example/tags/t\($0)\"}" }.joined(separator: ",")
        let body = """
            {"id":"1","uri":"https://m.example/u/1","created_at":"2024-01-01T00:00:00Z","url":"https://m.example/@a/1","content":"<p>hi</p>",
            "account":{"acct":"a","display_name":"A","url":"https://m.example/@a"},"tags":[\(tags)]}
            """
        let result = try DocumentParser.parse(Array(body.utf8), context: ParseContext(source: "m"))
        #expect(result.platform == .mastodon)
        #expect(result.items.first?.tags.count == ItemLimits.tags)
    }
}
