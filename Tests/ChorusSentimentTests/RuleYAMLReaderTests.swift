import ChorusTestSupport
import Foundation
import Testing
@testable import ChorusSentiment

/// The Yams-free rule-file reader gives exactly Yams's tree (values, quoting, lines) for the
/// shipped rule files and each construct it reads, and hands everything else to Yams.
@Suite struct RuleYAMLReaderTests {
    @Test(arguments: ["rules-en.yaml", "rules-zh.yaml", "rules-fr.yaml", "rules-es.yaml", "rules-de.yaml"])
    func shippedFilesReadAsYamsReadsThem(_ name: String) throws {
        let url = RepoPaths.config.appendingPathComponent("sentiment/\(name)")
        let text = try String(contentsOf: url, encoding: .utf8)
        let fast = try RuleYAMLReader.read(text)
        #expect(fast != nil)
        #expect(fast == (try RuleFileParser.yamsTree(text, file: name)))
    }

    @Test(arguments: [
        "a: 1\nb: two words\n",
        "# comment\nlang: en # trailing\n\nnegators: [not, no, \"isn't\", 'can t']\n",
        "list:\n  [a, b,\n   c]\nafter: x\n",
        "list: [a, b, ]\n",
        "rules:\n- name: x\n  match: [y]\n- name: z\n",
        "rules:\n  - name: x\n    match: [y, z]\n    valence: -1.5\n  - name: w\n    flip: true\n",
        "markers:\n  english: [the]\n  foreign:\n    [der,\n     die]\n",
        "idioms:\n  heart can't take: 0.4\n  c#: 1\n  \"quoted key\": 2\n",
        "k: \"a # not a comment\"\n",
        "emoji: [\"🙄\", 🙃, 好消息]\n",
        "empty:\nnext: 1\n",
        "match: [its a\n        boy, girl, a\n  b\n  c]\n",
    ])
    func constructsOfTheSubsetReadAsYamsReadsThem(_ text: String) throws {
        let fast = try RuleYAMLReader.read(text)
        #expect(fast == (try RuleFileParser.yamsTree(text, file: "t.yaml")), "\(text)")
    }

    @Test(arguments: [
        "a: &x 1\nb: *x\n",
        "a: |\n  block\n",
        "a: !!str 1\n",
        "a: {b: 1}\n",
        "---\na: 1\n",
        "a: \"esc\\n\"\n",
        "a: 'it''s'\n",
        "a: plain\n  continued\n",
        "list: [a\n\n  b]\n",
        "a:\tb\n",
    ])
    func otherYAMLIsLeftToYams(_ text: String) throws {
        #expect(throws: RuleYAMLReader.Unsupported.self) { try RuleYAMLReader.read(text) }
        // Still read, by Yams.
        #expect(try RuleFileParser.tree(text, file: "t.yaml") == (try RuleFileParser.yamsTree(text, file: "t.yaml")))
    }

    @Test func malformedYAMLStillFailsWithTheLine() {
        #expect(throws: SentimentError.self) { try RuleFileParser.parse("a: [b\nc: d\n", file: "bad.yaml") }
    }
}
