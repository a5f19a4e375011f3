import Foundation
import Testing
import ChorusTestSupport
@testable import ChorusRun

@Suite("Config loading and validation")
struct ConfigLoaderTests {
    private func load(_ name: String, env: [String: String] = [:]) throws(ConfigError) -> ChorusConfig {
        try ConfigLoader.load(path: Fixtures.config(name).path, environment: env)
    }

    private func problems(_ name: String, env: [String: String] = [:]) -> [ConfigProblem] {
        do {
            _ = try load(name, env: env)
            Issue.record("\(name) was accepted")
            return []
        } catch {
            return error.problems
        }
    }

    @Test func theIssuesMinimalExampleLoadsWithDocumentedDefaults() throws {
        let config = try load("minimal.yaml")
        let folder = Fixtures.config("minimal.yaml").deletingLastPathComponent()
        #expect(config.output.dir == folder.appendingPathComponent("out").standardizedFileURL)
        #expect(config.output.layout == .date)
        #expect(config.output.gzip == false)
        #expect(config.output.prefix == "chorus")
        #expect(config.state.path == folder.appendingPathComponent("state/chorus.sqlite").standardizedFileURL)
        #expect(config.state.retention == 30 * 86_400)
        #expect(config.state.lockPath.lastPathComponent == "chorus.sqlite.lock")
        #expect(config.summaryLog == folder.appendingPathComponent("state/runs.log").standardizedFileURL)
        #expect(config.concurrency == 32)
        #expect(config.maxPerHost == 6)
        #expect(config.maxDuration == nil)
        #expect(config.keywords.track.isEmpty && !config.keywords.filter)
        #expect(config.sentiment.enabled)
        #expect(config.sources.map(\.name) == ["zte-news", "zte-mastodon"])
        #expect(config.sources.map(\.type) == [.feed, .mastodon])
        let feed = try #require(config.source(named: "zte-news"))
        #expect(feed.spec == .feed(url: "https://example.com/zte.xml"))
        #expect(feed.interval == 900)
        #expect(feed.enabled)
        #expect(feed.policy.totalTimeout == 60)
        #expect(config.source(named: "zte-mastodon")?.spec == .mastodon(.init(
            instance: "https://mastodon.social", stream: .hashtag("zte"), token: nil, tokenVariable: nil, paging: .init())))
    }

    @Test func everyOptionalKeyIsRead() throws {
        let config = try load("full.yaml", env: ["CHORUS_TEST_TOKEN": "s3cret"])
        let folder = Fixtures.config("full.yaml").deletingLastPathComponent()
        #expect(config.output.dir.path == "/var/lib/chorus/out")
        #expect(config.output.layout == .flat)
        #expect(config.output.gzip)
        #expect(config.output.prefix == "zte")
        #expect(config.state.path == folder.deletingLastPathComponent().appendingPathComponent("state/chorus.sqlite").standardizedFileURL)
        #expect(config.state.retention == 14 * 86_400)
        #expect(config.concurrency == 8)
        #expect(config.maxPerHost == 3)
        #expect(config.maxDuration == 240)
        #expect(config.logLevel == "info")
        #expect(config.summaryLog == folder.appendingPathComponent("logs/runs.log").standardizedFileURL)
        #expect(config.keywords.track == ["ZTE", "Huawei", "Commerce Department"])
        #expect(config.keywords.filter)
        #expect(!config.sentiment.enabled)
        let news = try #require(config.source(named: "zte-news"))
        #expect(news.interval == 300)
        #expect(news.policy.totalTimeout == 20)
        #expect(news.policy.maxBytes == 2 * 1024 * 1024)
        #expect(news.headers.map(\.name) == ["Accept-Language", "Authorization"])
        #expect(news.headers.map(\.value) == ["en", "Bearer s3cret"])
        #expect(news.policy.denyPrivateNetworks)
        #expect(news.policy.proxy == "http://proxy.internal:3128")
        #expect(news.policy.caBundle == folder.appendingPathComponent("test-ca.pem").path)
        let hn = try #require(config.source(named: "hn"))
        #expect(!hn.enabled)
        #expect(hn.interval == 1800)
        #expect(hn.policy.retries == 0)
        #expect(!hn.policy.denyPrivateNetworks)
        #expect(hn.policy.proxy == "") // no proxy, whatever the environment says
        #expect(hn.policy.caBundle == nil)
        guard case .hackernews(let options) = hn.spec else { Issue.record("not a hackernews spec: \(hn.spec)"); return }
        #expect(options.query == "ZTE")
    }

    struct Case: Sendable, CustomStringConvertible {
        var file: String
        /// (line, column, a fragment of the message)
        var expected: [(Int, Int, String)]
        var description: String { file }
    }

    static let invalid: [Case] = [
        Case(file: "unknown-keys.yaml", expected: [
            (1, 21, "unknown key 'gzp' (did you mean 'gzip'?)"),
            (3, 1, "unknown key 'verbose'"),
            (5, 62, "unknown key 'intervl' (did you mean 'interval'?)"),
        ]),
        Case(file: "wrong-types.yaml", expected: [
            (1, 27, "output.gzip: expected true or false, found 'maybe'"),
            (2, 41, "state.retention: expected a duration"),
            (3, 14, "concurrency: expected a whole number, found 'lots'"),
            (4, 20, "keywords.track: expected a list of strings, found a mapping"),
            (6, 73, "max_bytes: expected a size"),
            (6, 88, "timeout: expected a duration"),
        ]),
        Case(file: "huge-durations.yaml", expected: [
            (3, 15, "max_duration: expected a duration like 90s, 15m, 1h or 2d (at most 365d), found '1e305d'"),
            (4, 22, "defaults.timeout: expected a duration"),
            (6, 79, "sources[0].connect_timeout: expected a duration"),
            (6, 95, "sources[0].interval: expected a duration"),
            (7, 58, "sources[1].lookback: expected a duration like 6h or 2d (at most 36500d), found '1e300h'"),
        ]),
        Case(file: "bad-fetch-keys.yaml", expected: [
            (3, 36, "defaults.deny_private_networks: expected true or false, found 'sometimes'"),
            (5, 69, "sources[0].proxy: unsupported proxy scheme 'ftp'"),
            (6, 73, "sources[1].ca_bundle: no readable file at "),
            (7, 69, "sources[2].proxy: 'http://a b' contains spaces"),
        ]),
        Case(file: "missing-env.yaml", expected: [(7, 19, "environment variable CHORUS_TEST_UNSET_TOKEN is not set")]),
        Case(file: "bad-urls.yaml", expected: [
            (4, 33, "'ftp://example.com/a.xml' is not an absolute http(s) URL"),
            (5, 33, "'not a url' is not an absolute http(s) URL"),
            (6, 42, "'mastodon.social' is not an absolute http(s) URL"),
        ]),
        Case(file: "duplicate-names.yaml", expected: [(6, 5, "duplicate source name 'a' (first used on line 4)")]),
        Case(file: "missing-required.yaml", expected: [
            (1, 1, "missing required key 'output'"),
            (3, 5, "missing required key 'name'"),
            (4, 5, "missing required key 'type'"),
            (5, 5, "a mastodon source needs one of 'hashtag', 'account', 'query'"),
            (6, 22, "unknown source type 'tiktok'"),
        ]),
        Case(file: "bad-source-options.yaml", expected: [
            (4, 88, "sources[0].kinds: expected 'story', 'comment' or 'story,comment', found 'story,poll'"),
            (4, 112, "sources[0].lookback: expected a duration like 6h or 2d (at most 36500d), found 'soon'"),
            (5, 66, "sources[1].page_size: expected a whole number 1...1000, found '0'"),
            (5, 94, "sources[1].max_items: expected a whole number 1...1000, found 'lots'"),
            (6, 5, "sources[2]: a reddit source with 'client_id' needs 'client_secret'"),
            (7, 89, "sources[3].text_is_html: expected true or false, found 'maybe'"),
            (8, 5, "sources[4]: a x source needs key 'bearer_token'"),
        ]),
        Case(file: "invalid-yaml.yaml", expected: [(2, 6, "invalid YAML")]),
        Case(file: "not-a-mapping.yaml", expected: [(1, 1, "config: expected a mapping")]),
        Case(file: "sources-not-a-list.yaml", expected: [(3, 10, "sources: expected a list of sources")]),
    ]

    @Test(arguments: invalid)
    func everyProblemIsReportedWithItsLineAndColumn(_ c: Case) {
        let found = problems(c.file)
        #expect(found.count == c.expected.count, "\(found.map { "\($0.line):\($0.column) \($0.message)" })")
        for (line, column, fragment) in c.expected {
            #expect(
                found.contains { $0.line == line && $0.column == column && $0.message.contains(fragment) },
                "expected \(line):\(column) \(fragment) in \(found)")
        }
    }

    @Test func theErrorTextNamesTheFileLineAndColumn() {
        do {
            _ = try ConfigLoader.load(path: Fixtures.config("missing-env.yaml").path, environment: [:])
            Issue.record("accepted")
        } catch {
            #expect(error.description.hasPrefix("config: \(Fixtures.config("missing-env.yaml").path):7:19: "))
        }
    }

    @Test func aDisabledSourceMayNameSecretsThatAreNotSetButAnEnabledOneMayNot() throws {
        let yaml = """
            output: { dir: out }
            state: { path: s.sqlite }
            sources:
              - { name: a, type: x, query: zte, bearer_token: "${CHORUS_TEST_UNSET}", enabled: false }
              - { name: b, type: x, query: zte, bearer_token: "${CHORUS_TEST_UNSET}" }
            """
        do {
            _ = try ConfigLoader.parse(yaml, file: URL(fileURLWithPath: "/tmp/c.yaml"), environment: [:])
            Issue.record("accepted")
        } catch {
            #expect(error.problems.map(\.line) == [5])
        }
        let config = try ConfigLoader.parse(yaml, file: URL(fileURLWithPath: "/tmp/c.yaml"), environment: ["CHORUS_TEST_UNSET": "t"])
        guard case .x(let options) = config.source(named: "b")?.spec else { Issue.record("no x source b"); return }
        #expect(options.tokenVariable == "CHORUS_TEST_UNSET")
        #expect(options.bearerToken == "t")
    }

    @Test func theShippedConfigsAreValid() throws {
        let env = ["CHORUS_SAMPLES_URL": "http://127.0.0.1:9"]
        for name in ["chorus.yaml", "samples.yaml"] {
            let config = try ConfigLoader.load(path: RepoPaths.config.appendingPathComponent(name).path, environment: env)
            #expect(!config.sources.isEmpty)
            for source in config.sources {
                if case .failure(let error) = ConnectorFactory.make(source) { Issue.record("\(name): \(error)") }
            }
        }
    }

    @Test func aMissingFileIsAConfigError() {
        #expect(throws: ConfigError.self) { try ConfigLoader.load(path: "/nonexistent/chorus.yaml", environment: [:]) }
    }

    @Test func theConfigPathComesFromTheOptionThenTheEnvironmentThenTheDefault() {
        #expect(ConfigLoader.resolvePath(option: "a.yaml", environment: ["CHORUS_CONFIG": "b.yaml"]) == "a.yaml")
        #expect(ConfigLoader.resolvePath(option: nil, environment: ["CHORUS_CONFIG": "b.yaml"]) == "b.yaml")
        #expect(ConfigLoader.resolvePath(option: nil, environment: [:]) == "Config/chorus.yaml")
    }

    @Test(arguments: [
        ("https://x.example/${A}/${B}", ["A": "1", "B": "2"], "https://x.example/1/2"),
        ("price $$5", [:], "price $5"),
        ("plain $ sign", [:], "plain $ sign"),
        ("agent/${V:-1.0}", [:], "agent/1.0"),
        ("agent/${V:-1.0}", ["V": ""], "agent/1.0"),
        ("agent/${V:-1.0}", ["V": "2"], "agent/2"),
        ("a${V:-}b", [:], "ab"),
    ])
    func environmentReferencesExpand(_ text: String, _ env: [String: String], _ expected: String) throws {
        let yaml = """
            output: { dir: out }
            state: { path: s.sqlite }
            sources:
              - { name: a, type: feed, url: "https://example.com/a.xml", user_agent: "\(text)" }
            """
        let config = try ConfigLoader.parse(yaml, file: URL(fileURLWithPath: "/tmp/c.yaml"), environment: env)
        #expect(config.sources[0].policy.userAgent == expected)
    }

    @Test(arguments: [("90s", 90.0), ("15m", 900), ("1h", 3600), ("2d", 172_800), ("250ms", 0.25), ("42", 42), ("365d", 31_536_000),
                            ("1h30m", 5400), ("2m30s", 150), ("1d 12h", 129_600), ("1.5h", 5400), ("1m500ms", 60.5)])
    func durationsParse(_ text: String, _ seconds: Double) {
        #expect(ConfigValueParser.duration(text) == seconds)
    }

    @Test(arguments: ["", "soon", "-5m", "5 parsecs", "inf", "nan", "1e17s", "1e305d", "366d", "31536001", "-0.5", "1h30", "h", "1hh", "364d2d", "1h-30m"])
    func badDurationsAreRejected(_ text: String) {
        #expect(ConfigValueParser.duration(text) == nil)
    }

    /// The configuration's own trimming replaced Foundation's `trimmingCharacters(in: .whitespaces)`
    /// (a fifth of reading a large config); it must cut exactly what Foundation cut: spaces of
    /// every kind, tabs and the zero width space at both ends, never line breaks or a combining mark.
    @Test(arguments: ["", " ", "\t \t", "abc", "  abc  ", "\tabc\t", "a b", "\u{00A0}30s\u{3000}", "\u{2003}x\u{202F}",
                      "\nabc\n", " \r\n ", "\u{301}e ", " \u{301}", "é ", " 🇫🇷 ", "\u{200B}x\u{200B}", "x\u{FEFF}"])
    func blanksAreTrimmedAsFoundationTrimsWhitespaces(_ text: String) {
        let ours = ConfigValueParser.trimmingBlanks(text)
        let foundation = text.trimmingCharacters(in: .whitespaces)
        #expect(Array(ours.unicodeScalars) == Array(foundation.unicodeScalars), "\(Array(text.unicodeScalars))")
    }

    @Test func paddedNumbersStillReadAndBlankValuesAreStillEmpty() throws {
        let padded = """
            output: { dir: out }
            state: { path: state.sqlite }
            concurrency: "\u{00A0}8\t"
            sources:
              - { name: a, type: feed, url: "https://example.com/feed.xml", interval: " 5m\u{3000}" }
            """
        let config = try ConfigLoader.parse(padded, file: URL(fileURLWithPath: "/tmp/c.yaml"), environment: [:])
        #expect(config.concurrency == 8)
        #expect(config.sources.first?.interval == 300)
        let blank = """
            output: { dir: out }
            state: { path: state.sqlite }
            sources:
              - { name: a, type: feed, url: " \t" }
            """
        do {
            _ = try ConfigLoader.parse(blank, file: URL(fileURLWithPath: "/tmp/c.yaml"), environment: [:])
            Issue.record("a blank url was accepted")
        } catch {
            #expect(error.problems.map(\.message) == ["sources[0].url: must not be empty"])
        }
    }

    @Test func anUnsetVariableWithoutADefaultIsStillAProblem() {
        let yaml = """
            output: { dir: out }
            state: { path: s.sqlite }
            sources:
              - { name: a, type: feed, url: "${CHORUS_TEST_NOPE_URL:-https://example.com/a.xml}", user_agent: "${CHORUS_TEST_NOPE}" }
            """
        do {
            _ = try ConfigLoader.parse(yaml, file: URL(fileURLWithPath: "/tmp/c.yaml"), environment: [:])
            Issue.record("accepted")
        } catch {
            #expect(error.problems.map(\.message) == ["sources[0].user_agent: environment variable CHORUS_TEST_NOPE is not set"])
        }
    }

    @Test func metricsAndTheSummaryLogLimitAreReadAndChecked() throws {
        let good = """
            output: { dir: out }
            state: { path: s.sqlite }
            metrics: { textfile: m/chorus.prom }
            summary_log_max: 64KiB
            sources: [{ name: a, type: feed, url: "https://example.com/a.xml" }]
            """
        let config = try ConfigLoader.parse(good, file: URL(fileURLWithPath: "/srv/c.yaml"), environment: [:])
        #expect(config.metricsTextfile?.path == "/srv/m/chorus.prom")
        #expect(config.summaryLogMaxBytes == 65_536)
        #expect(try ConfigLoader.parse("output: { dir: o }\nstate: { path: s }\nsources: [{ name: a, type: feed, url: \"https://e.com/a\" }]\n", file: URL(fileURLWithPath: "/c.yaml"), environment: [:])
            .summaryLogMaxBytes == 1_048_576)
        let bad = """
            output: { dir: out }
            state: { path: s.sqlite }
            metrics: { textfil: m.prom }
            summary_log_max: 1KiB
            sources: []
            """
        do {
            _ = try ConfigLoader.parse(bad, file: URL(fileURLWithPath: "/srv/c.yaml"), environment: [:])
            Issue.record("accepted")
        } catch {
            let messages = error.problems.map(\.message)
            #expect(messages.contains("summary_log_max: must be at least 4KiB"), "\(messages)")
            #expect(messages.contains { $0.hasPrefix("metrics: unknown key 'textfil' (did you mean 'textfile'?)") }, "\(messages)")
        }
    }

    @Test(arguments: [("512KiB", 524_288), ("20MiB", 20_971_520), ("1MB", 1_000_000), ("4096", 4096)])
    func sizesParse(_ text: String, _ bytes: Int) {
        #expect(ConfigValueParser.size(text) == bytes)
    }
}
