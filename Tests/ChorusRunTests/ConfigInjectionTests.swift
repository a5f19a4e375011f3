import ChorusTestSupport
import Foundation
import Testing
@testable import ChorusRun

/// Values that would inject into headers, logs or file names are refused by the config.
@Suite("Config: control characters and header injection")
struct ConfigInjectionTests {
    func problems(_ yaml: String) throws -> [String] {
        let file = try RepoPaths.temporaryDirectory("chorus-config").appendingPathComponent("chorus.yaml")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        do {
            _ = try ConfigLoader.load(path: file.path, environment: [:])
            return []
        } catch {
            return error.problems.map(\.message)
        }
    }

    static let head = "output: { dir: out }\nstate: { path: state/chorus.sqlite }\n"

    @Test("source names with NUL, escape or other control characters are refused", arguments: [#"a\0b"#, #"a\eb"#, #"a\tb"#, #"a\x7fb"#, #"a\x85b"#])
    func controlInNames(name: String) throws {
        let found = try problems(Self.head + "sources:\n  - { name: \"\(name)\", type: feed, url: \"https://x.example/f\" }\n")
        #expect(found.contains { $0.contains("name: must not contain") }, "\(found)")
    }

    @Test("header values and user_agent with CR/LF are refused, at source and defaults level", arguments: [
        "headers: { X-Token: \"abc\\r\\nInjected: yes\" }", "headers: { X-Token: \"abc\\nInjected: yes\" }",
        "user_agent: \"bot\\r\\nInjected: yes\"", "headers: { \"X-Bad\\r\\nName\": v }", "headers: { \"Has Space\": v }",
    ])
    func headerInjection(fragment: String) throws {
        let perSource = try problems(Self.head + "sources:\n  - { name: a, type: feed, url: \"https://x.example/f\", \(fragment) }\n")
        #expect(perSource.count == 1, "\(perSource)")
        let defaults = try problems(Self.head + "defaults: { \(fragment) }\nsources:\n  - { name: a, type: feed, url: \"https://x.example/f\" }\n")
        #expect(defaults.count == 1, "\(defaults)")
        #expect(!(perSource + defaults).joined().contains("\r"), "the message does not echo the line break")
    }

    @Test("ordinary names, headers (with tabs) and user agents still load")
    func ordinaryValuesLoad() throws {
        let found = try problems(Self.head + """
            sources:
              - { name: "Heise · News", type: feed, url: "https://x.example/f", user_agent: "bot/1 (+https://x.example)", headers: { X-Api-Key: "a\\tb" } }
            """)
        #expect(found.isEmpty, "\(found)")
    }
}
