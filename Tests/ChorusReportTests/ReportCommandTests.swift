import ChorusTestSupport
import Foundation
import Testing

/// `chorus report` as a command: inputs, formats, stdin, exit codes.
@Suite("chorus report command")
struct ReportCommandTests {
    @Test func writesEachFormatFromInputGlobs() throws {
        let dir = try ReportFixture.outputFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        for format in ["html", "md", "json"] {
            let out = dir.appendingPathComponent("report.\(format)")
            let run = try CommandRun(RepoPaths.chorusBinary, ["report", "--input", dir.path + "/date=*/*.ndjson", dir.path + "/*.ndjson.gz", "--format", format, "-o", out.path])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdout.isEmpty)
            let text = try String(contentsOf: out, encoding: .utf8)
            #expect(text.contains("Breaking good news"))
        }
    }

    @Test func readsStandardInputAndWritesStandardOutput() throws {
        let run = try CommandRun(RepoPaths.chorusBinary, ["report", "--input", "-", "--format", "json", "--by", "platform", "--bucket", "1d"], stdin: try Data(contentsOf: URL(fileURLWithPath: ReportFixture.story)))
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let totals = try #require(object["totals"] as? [String: Any])
        #expect(totals["items"] as? Int == 8)
        #expect((object["options"] as? [String: Any])?["by"] as? String == "platform")
    }

    @Test(arguments: [
        ([String](["--by", "author"]), Int32(64)),
        (["--bucket", "5m"], 64),
        (["--format", "pdf"], 64),
        (["--since", "yesterday"], 64),
        (["--config", "x.yaml", "--input", "y"], 64),
        (["--input", "/nonexistent/*.ndjson"], 65),
        (["--config", "/nonexistent/config.yaml"], 78),
    ] as [([String], Int32)])
    func badUsageAndMissingInputExitWithTheirCodes(arguments: [String], status: Int32) throws {
        let run = try CommandRun(RepoPaths.chorusBinary, ["report"] + arguments)
        #expect(run.status == status, "\(run.stderr)")
        #expect(!run.stderr.isEmpty)
    }

    @Test func anUnreadableFileIsReportedAndTheRestStillWritten() throws {
        let dir = try ReportFixture.outputFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let broken = dir.appendingPathComponent("broken.ndjson.gz")
        try Data([0x1f, 0x8b, 0x08, 0x00, 0x01]).write(to: broken)
        let out = dir.appendingPathComponent("r.md")
        let run = try CommandRun(RepoPaths.chorusBinary, ["report", "--input", dir.path, "--format", "md", "-o", out.path])
        #expect(run.status == 1)
        #expect(run.stderr.contains("broken.ndjson.gz"))
        #expect(try String(contentsOf: out, encoding: .utf8).contains("10 items"))
    }
}
