import Foundation
import Testing
@testable import ChorusParse

/// `chorus parse` names each file's items after the file; the quick path must name every
/// file exactly as Foundation's path functions do.
@Suite("Source names from file paths")
struct SourceNameTests {
    @Test("The quick path agrees with NSString's lastPathComponent and deletingPathExtension", arguments: [
        "a.rss", "dir/a.rss", "/abs/dir/feed-0001.rss", "a", ".profile", "a.", "a.b.c", "dir.d/a", "dir.d/a.b", "a/",
        "a.rss/", "/", "", "//a.rss", "a//b.rss", "./a.rss", "../a.rss", "a..rss", ".a.rss", "a .rss", "é.rss",
        "a.rs s", "a.r/s", "~/a.rss", "a.\u{301}x", "Samples/reuters-zte.rss", "x/.hidden", "x/y.", "..", ".",
    ])
    func agreesWithFoundation(path: String) {
        let base = (path as NSString).lastPathComponent
        let stem = (base as NSString).deletingPathExtension
        #expect(SourceName.forFile(path) == (stem.isEmpty ? base : stem), "\(path.debugDescription)")
    }

    @Test("Plain paths take the quick path; stdin is named stdin")
    func quickPath() {
        #expect(SourceName.plain("bench-results/parse-corpus/small/feed-0001.atom") == "feed-0001")
        #expect(SourceName.plain("a b.rss") == nil)
        #expect(SourceName.plain("dir/") == nil)
        #expect(SourceName.forFile("-") == "stdin")
    }
}
