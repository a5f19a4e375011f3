import Foundation
import Testing
import ChorusModel
import ChorusTestSupport

/// `chorus --version` prints the one version constant that the User-Agents carry too.
@Suite("Version string")
struct VersionTests {
    @Test func versionFlagPrintsTheModelConstant() throws {
        let process = Process()
        process.executableURL = RepoPaths.chorusBinary
        process.arguments = ["--version"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        IngestHarness.wait(process)
        #expect(process.terminationStatus == 0)
        #expect(String(decoding: output, as: UTF8.self) == ChorusVersion.string + "\n")
    }

    @Test func userAgentsCarryTheVersion() {
        #expect(ChorusVersion.userAgent.hasPrefix("Chorus/\(ChorusVersion.string) (+https://"))
        // Reddit's form: <platform>:<app ID>:v<version> (by /u/<username>).
        #expect(ChorusVersion.redditUserAgent.contains(":v\(ChorusVersion.string) (by /u/"))
    }
}
