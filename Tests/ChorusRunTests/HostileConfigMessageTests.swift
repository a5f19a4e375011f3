import ChorusTestSupport
import Foundation
import Testing
@testable import ChorusRun

/// A config file's error messages quote parts of it (an unknown key, a bad value): what a
/// hostile file puts there reaches the terminal escaped and cut, never as raw control bytes.
@Suite("Config: hostile text in error messages")
struct HostileConfigMessageTests {
    @Test func controlCharactersInAnUnknownKeyAreEscapedAndALongValueIsCut() throws {
        let file = try RepoPaths.temporaryDirectory("chorus-config").appendingPathComponent("chorus.yaml")
        let long = String(repeating: "k\\e", count: 5000)
        let yaml = "output: { dir: out }\nstate: { path: state/chorus.sqlite }\n\"\\e]0;owned\\a\": 1\nmax_duration: \"\(long)\"\nsources: []\n"
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = RepoPaths.chorusBinary
        process.arguments = ["check", "--config", file.path]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let bytes = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 78)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(!bytes.contains(0x1B) && !bytes.contains(0x07), "\(text.prefix(400).debugDescription)")
        #expect(text.contains(#"config: \#(file.path):3:1: config: unknown key '\u{1B}]0;owned\u{7}'"#), "\(text.prefix(400))")
        let lines = text.split(separator: "\n")
        #expect(lines.allSatisfy { $0.hasPrefix("config: ") }, "one line per problem")
        let cut = try #require(lines.first { $0.contains("max_duration: expected") })
        #expect(cut.contains("found 'k\\u{1B}k\\u{1B}"), "\(cut.prefix(300))")
        #expect(cut.hasSuffix("…"), "\(cut.suffix(40))")
        #expect(cut.count < 1200, "\(cut.count) characters")
    }
}
