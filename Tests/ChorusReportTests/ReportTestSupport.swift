@testable import ChorusReport
import ChorusTestSupport
import Foundation
import Testing

/// Paths and helpers shared by the report tests.
enum ReportFixture {
    static var folder: URL { RepoPaths.root.appendingPathComponent("Tests/ChorusReportTests/Fixtures") }
    static var story: String { folder.appendingPathComponent("story.ndjson").path }
    static var extra: String { folder.appendingPathComponent("story-extra.ndjson").path }

    /// A temporary folder holding story.ndjson (under a `date=` folder, as `output.layout: date`
    /// writes it) and story-extra.ndjson gzipped, plus a hidden temporary that must be skipped.
    static func outputFolder() throws -> URL {
        let dir = try RepoPaths.temporaryDirectory("chorus-report")
        let day = dir.appendingPathComponent("date=2018-05-13")
        try FileManager.default.createDirectory(at: day, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: story, toPath: day.appendingPathComponent("chorus-20180513T170000Z.ndjson").path)
        try gzip(extra, to: dir.appendingPathComponent("chorus-20180514T000000Z.ndjson.gz"))
        try Data("{\"id\":\"ffffffffffffffffffffffffffffffff\"}\n".utf8).write(to: day.appendingPathComponent(".chorus-x.ndjson.1.a.tmp"))
        return dir
    }

    /// Compresses `path` with the system gzip into `target`.
    static func gzip(_ path: String, to target: URL) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-c", "-n", path]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try data.write(to: target)
    }

    /// The summary over `files` with `options`.
    static func summary(_ files: [String], _ options: ReportOptions = ReportOptions()) throws -> ReportSummary {
        let aggregator = ReportAggregator(options: options)
        for f in files { try aggregator.read(path: f) }
        return aggregator.summary()
    }

    /// The summary of NDJSON text given inline.
    static func summary(lines: [String], _ options: ReportOptions = ReportOptions()) -> ReportSummary {
        let aggregator = ReportAggregator(options: options)
        var record = ReportRecord()
        for line in lines {
            var bytes = Array(line.utf8)
            bytes.withUnsafeMutableBufferPointer { aggregator.add(line: UnsafeBufferPointer($0), record: &record) }
        }
        return aggregator.summary()
    }

    /// Seconds since 1970 of an RFC 3339 time.
    static func at(_ text: String) -> Int64 {
        ReportTime.parse(text, now: Date(timeIntervalSince1970: 0)) ?? -1
    }

    /// The mean, rounded to 4 decimals as the summary rounds it.
    static func mean(_ v: Double) -> Double { (v * 10_000).rounded() / 10_000 }
}

/// Runs a command and collects its exit status, stdout and stderr.
struct CommandRun {
    var status: Int32
    var stdout: String
    var stderr: String

    init(_ executable: URL, _ arguments: [String], environment: [String: String] = [:], clearing: [String] = [], stdin: Data? = nil) throws {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var merged = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        for name in clearing { merged[name] = nil }
        process.environment = merged
        let dir = try RepoPaths.temporaryDirectory("chorus-report-run")
        let out = dir.appendingPathComponent("out"), err = dir.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        if let stdin {
            let input = dir.appendingPathComponent("in")
            try stdin.write(to: input)
            process.standardInput = try FileHandle(forReadingFrom: input)
        }
        try process.run()
        process.waitUntilExit()
        status = process.terminationStatus
        stdout = (try? String(contentsOf: out, encoding: .utf8)) ?? ""
        stderr = (try? String(contentsOf: err, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(at: dir)
    }
}
