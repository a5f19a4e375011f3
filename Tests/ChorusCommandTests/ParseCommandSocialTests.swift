import ChorusTestSupport
import Foundation
import Testing

/// `chorus parse --platform auto` on social responses: exit codes and what stderr says.
@Suite("chorus parse on social responses")
struct ParseCommandSocialTests {
    @Test("A JSON document that is no supported shape exits 65 naming what it holds")
    func unsupportedShape() throws {
        let path = "../shared/realworld/social/bluesky/f_postlikes_getLikes_0.json"
        let run = try ParseCommandTests.chorus(["parse", path])
        #expect(run.status == 65)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr == "chorus parse: \(path): JSON object with keys [likes, uri] is no supported shape\n")
    }

    @Test("A recognized response without posts exits 0 and says so")
    func emptyResponse() throws {
        let run = try ParseCommandTests.chorus(["parse", "-"], stdin: Data(#"{"feed": [], "cursor": null}"#.utf8))
        #expect(run.status == 0)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr == "chorus parse: -: warning: no items (the bluesky response holds no posts)\n")
    }

    @Test("A saved stream cut short in its last line keeps the complete lines and says so")
    func truncatedStream() throws {
        let lines = #"{"data": {"id": "1", "text": "a"}}"# + "\n" + #"{"data": {"id": "2", "te"#
        let run = try ParseCommandTests.chorus(["parse", "-"], stdin: Data(lines.utf8))
        #expect(run.status == 0)
        #expect(run.stdout.split(separator: "\n").count == 1)
        #expect(run.stderr == "chorus parse: -: warning: recovered from malformed JSON, kept what could be read "
            + "(skipped malformed JSON at line 2, column 25: unterminated string)\n")
    }

    @Test("An empty feed exits 0 and says it holds no entries")
    func emptyFeed() throws {
        let feed = #"<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>https://e.example/</link></channel></rss>"#
        let run = try ParseCommandTests.chorus(["parse", "-"], stdin: Data(feed.utf8))
        #expect(run.status == 0)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr == "chorus parse: -: warning: no items (the document holds no entries)\n")
    }

    @Test("JSON Lines on stdin print one item per post, with no warning")
    func jsonLines() throws {
        let lines = #"{"data": {"id": "1", "text": "a"}}"# + "\n" + #"{"data": {"id": "2", "text": "b"}}"# + "\n"
        let run = try ParseCommandTests.chorus(["parse", "--source", "stream", "-"], stdin: Data(lines.utf8))
        #expect(run.status == 0)
        #expect(run.stderr.isEmpty)
        let items = run.stdout.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(items.map { $0["native_id"] as? String } == ["1", "2"])
        #expect(items.allSatisfy { $0["platform"] as? String == "x" && $0["source"] as? String == "stream" })
    }
}
