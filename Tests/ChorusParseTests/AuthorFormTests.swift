import ChorusModel
import ChorusParse
import Testing

/// The author forms real feeds write, in every element that names an author.
@Suite("Author forms")
struct AuthorFormTests {
    private let ns = #"xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd""#

    @Test(arguments: ["author", "dc:creator", "dc:author", "itunes:author"])
    func everyAuthorElementSplitsNameAndEmail(_ element: String) throws {
        for (raw, name, email) in [
            ("ann@e.example (Ann Lee)", "Ann Lee", "ann@e.example"),
            ("Ann Lee (ann@e.example)", "Ann Lee", "ann@e.example"),
            ("Ann Lee <ann@e.example>", "Ann Lee", "ann@e.example"),
            ("mailto:ann@e.example", nil, "ann@e.example"),
            ("Ann Lee", "Ann Lee", nil),
        ] as [(String, String?, String?)] {
            let escaped = raw.replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            let item = try Fixture.rssItem("<title>t</title><\(element)>\(escaped)</\(element)>", namespaces: ns)
            #expect(item.author == Author(name: name, email: email), "\(element): \(raw)")
        }
    }

    @Test func managingEditorAndWebMasterAreTheChannelsAuthorsLastOfAll() throws {
        let editor = try Fixture.rssItem("<title>t</title>", channel: "<webMaster>web@e.example (Web)</webMaster><managingEditor>ed@e.example (Ed Itor)</managingEditor>")
        #expect(editor.author == Author(name: "Web", email: "web@e.example"))
        let own = try Fixture.rssItem("<title>t</title><author>me@e.example (Me)</author>", channel: "<managingEditor>ed@e.example (Ed)</managingEditor>")
        #expect(own.author == Author(name: "Me", email: "me@e.example"))
        let itunes = try Fixture.rssItem("<title>t</title>", channel: "<managingEditor>ed@e.example</managingEditor><itunes:author>Show</itunes:author>", namespaces: ns)
        #expect(itunes.author == Author(name: "Show"))
        let same = try Fixture.rssItem("<title>t</title>", channel: "<managingEditor>info@e.example (info@e.example)</managingEditor>")
        #expect(same.author == Author(email: "info@e.example"))
    }

    @Test func anAtomNameHoldingAnEmailIsSplit() throws {
        let result = try Fixture.parse("""
            <feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><entry><id>tag:a,1</id><title>T</title>
            <author><name>Ann Lee (ann@e.example)</name><uri>https://e.example/ann</uri></author></entry></feed>
            """)
        #expect(result.items.first?.author == Author(name: "Ann Lee", url: "https://e.example/ann", email: "ann@e.example"))
    }

    @Test func realFeedsAuthorsAreSplit() throws {
        // Items without an author inherit the channel's `managingEditor`, split.
        let dailyMail = try RealWorld.parse("node-feedparser__mediacontent-dupes.xml")
        #expect(dailyMail.items.first?.author == Author(name: "Editor", email: "editorial@dailymailonline.co.uk"))
        let craigslist = try RealWorld.parse("rss-parser__craigslist.rss")
        #expect(craigslist.items.first?.author == Author(email: "robot@craigslist.org"))
    }
}
