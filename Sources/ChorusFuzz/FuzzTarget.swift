import ChorusModel
import ChorusParse
import ChorusRun
import ChorusSentiment
import Foundation

/// The entry points that read outside input, each as a fuzz target: bytes in, no result, and
/// any trap, sanitizer report, leak or hang is a finding (`scripts/fuzz`, docs/fuzzing.md).
enum FuzzTarget: String, CaseIterable, Sendable {
    case xml, jsonfeed, mastodon, bluesky, reddit, hackernews, x, json, html, config, rules, lexicon, score

    /// The seed folders under the repository (and `../shared/realworld`) for this target.
    var seedHints: [String] {
        switch self {
        case .xml: ["rss", "atom", "rdf", ".xml"]
        case .jsonfeed: ["jsonfeed", "json-feed", ".json"]
        case .mastodon, .bluesky, .reddit, .hackernews, .x: [rawValue, ".json"]
        case .json: [".json"]
        case .html: [".html", "rss", "atom"]
        case .config: [".yaml", ".yml"]
        case .rules: ["rules", ".yaml"]
        case .lexicon: ["lexicon", ".tsv"]
        case .score: [".txt", "sentiment", ".tsv"]
        }
    }

    /// Runs one input.
    func run(_ bytes: [UInt8]) {
        let context = ParseContext(source: "fuzz", baseURL: "https://fuzz.example/feed?access_token=t", fetchedAt: Date(timeIntervalSince1970: 0))
        switch self {
        case .xml:
            var count = 0
            let parser = FeedStreamParser(context: context) { item in count += ItemLimitsCheck.verify(item) }
            parser.feed(bytes)
            _ = try? parser.finish()
        case .jsonfeed:
            var forced = context
            forced.platform = .jsonfeed
            (try? DocumentParser.parse(bytes, context: forced))?.items.forEach { _ = ItemLimitsCheck.verify($0) }
        case .mastodon, .bluesky, .reddit, .hackernews, .x, .json:
            guard let platform = Platform(rawValue: rawValue) else { return }
            (try? SocialPayloadParser.parse(bytes, platform: platform, context: context))?.items.forEach { _ = ItemLimitsCheck.verify($0) }
        case .html:
            _ = HTMLText.plainText(String(decoding: bytes, as: UTF8.self))
        case .config:
            let file = URL(fileURLWithPath: "/nonexistent-fuzz/chorus.yaml")
            do {
                _ = try ConfigLoader.parse(String(decoding: bytes, as: UTF8.self), file: file, environment: ["TOKEN": "t"])
            } catch {
                MessageCheck.verify("\(error)")
            }
        case .rules, .lexicon:
            SentimentFiles.load(bytes, asRules: self == .rules)
        case .score:
            _ = SentimentFiles.shipped?.score(String(decoding: bytes, as: UTF8.self))
        }
    }
}

/// Checks every item a parser hands out against ``ItemLimits``: a violation is a finding.
enum ItemLimitsCheck {
    static func verify(_ item: Item) -> Int {
        if item.tags.count > ItemLimits.tags || item.enclosures.count > ItemLimits.enclosures
            || (item.title?.utf8.count ?? 0) > ItemLimits.titleBytes || (item.text?.utf8.count ?? 0) > ItemLimits.textBytes {
            fatalError("fuzz: an item exceeds ItemLimits")
        }
        return 1
    }
}

/// Checks an error message built from hostile input: printed on a terminal, it must carry no
/// control or invisible format character (``TerminalText``) and no line longer than 1,200
/// characters; a violation is a finding.
enum MessageCheck {
    static func verify(_ message: String) {
        for line in message.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.unicodeScalars.contains(where: TerminalText.unsafe) || line.count > 1200 {
                fatalError("fuzz: an unsafe error message: \(line.prefix(200).debugDescription)")
            }
        }
    }
}

/// Lexicon and rule files through the public loader (a private temporary file per input).
enum SentimentFiles {
    /// The shipped analyzer, loaded once (nil when the shipped files are not found).
    static let shipped: SentimentAnalyzer? = try? SentimentAnalyzer()
    static let scratch: URL = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("chorus-fuzz-\(getpid())")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }()

    static func load(_ bytes: [UInt8], asRules: Bool) {
        let file = scratch.appendingPathComponent(asRules ? "rules.yaml" : "lexicon.tsv")
        guard (try? Data(bytes).write(to: file)) != nil else { return }
        var configuration = SentimentConfiguration(
            lexiconFiles: asRules ? [] : [file], ruleFiles: asRules ? [file] : [], replaceDefaultLexicons: true, replaceDefaultRules: true)
        configuration.chineseEnabled = false
        do {
            _ = try SentimentAnalyzer(configuration: configuration).score("not bad at all, really good :)")
        } catch {
            MessageCheck.verify("\(error)")
        }
    }
}
