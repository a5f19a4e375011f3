import ChorusOutput
import ChorusTestSupport
public import Foundation

/// A private world for end-to-end runs of the real `chorus` binary: a folder served by
/// loopback nginx (`www/`), a config pointing at it, and the output and state folders.
public final class IngestHarness {
    public let root: URL
    public let www: URL
    public let configURL: URL
    public let server: NginxServer

    /// Exit status and captured streams of one `chorus` run.
    public struct Run {
        public var status: Int32
        public var stdout: String
        public var stderr: String

        public init(status: Int32, stdout: String, stderr: String) {
            self.status = status
            self.stdout = stdout
            self.stderr = stderr
        }
    }

    /// `accessLog`: nginx logs each request (``NginxServer/accessLogLines()``).
    public init(extraServerConfig: String = "", accessLog: Bool = false) throws {
        root = try RepoPaths.temporaryDirectory("chorus-e2e")
        www = root.appendingPathComponent("www")
        try FileManager.default.createDirectory(at: www, withIntermediateDirectories: true)
        configURL = root.appendingPathComponent("chorus.yaml")
        server = try NginxServer(root: www, extraServerConfig: extraServerConfig, accessLog: accessLog)
    }

    deinit { server.stop() }

    public var outDir: URL { root.appendingPathComponent("out") }
    public var stateDir: URL { root.appendingPathComponent("state") }
    public var statePath: URL { stateDir.appendingPathComponent("chorus.sqlite") }

    public func url(_ name: String) -> String { "\(server.baseURL)/\(name)" }

    public func writeFeed(_ name: String, items: Range<Int>, edited: Set<Int> = []) throws {
        try FeedFixture.rss(feed: name, items: items, edited: edited).write(to: www.appendingPathComponent("\(name).rss"), atomically: true, encoding: .utf8)
    }

    /// Writes the config: `feeds` are (source name, URL) pairs; `extra` is YAML added at the top level.
    public func writeConfig(feeds: [(String, String)], extra: String = "") throws {
        var yaml = "output: { dir: out }\nstate: { path: state/chorus.sqlite }\n\(extra)\nsources:\n"
        for (name, url) in feeds { yaml += "  - { name: \(name), type: feed, url: \"\(url)\" }\n" }
        try yaml.write(to: configURL, atomically: true, encoding: .utf8)
    }

    /// Starts `chorus <command> --config <config> args...` without waiting: the process and the
    /// files its stdout and stderr go to. `config` defaults to the harness's; `prefix` is a
    /// wrapper command the binary runs under (`strace …`).
    public func start(_ args: [String], command: String = "ingest", environment: [String: String] = [:],
                      config: URL? = nil, prefix: [String] = []) throws -> (Process, URL, URL) {
        let process = Process()
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        let line = prefix + [RepoPaths.chorusBinary.path, command, "--config", (config ?? configURL).path] + args
        process.executableURL = URL(fileURLWithPath: line[0])
        process.arguments = Array(line.dropFirst())
        process.currentDirectoryURL = root
        let id = UUID().uuidString
        let out = root.appendingPathComponent("run-\(id).out")
        let err = root.appendingPathComponent("run-\(id).err")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return (process, out, err)
    }

    /// Waits for a started run to end (polling: Foundation's `waitUntilExit` can miss the exit of
    /// a child when several are started from one test). A run still alive after `limit` seconds is
    /// killed, so a hang fails the test instead of blocking the suite.
    public static func wait(_ process: Process, limit: Double = 120) {
        let deadline = Date().addingTimeInterval(limit)
        while process.isRunning {
            if Date() > deadline {
                kill(process.processIdentifier, SIGKILL)
            }
            usleep(10_000)
        }
    }

    /// Runs `chorus <command>` to the end.
    public func run(_ args: [String] = [], command: String = "ingest") throws -> Run {
        let (process, out, err) = try start(args, command: command)
        Self.wait(process)
        return Run(
            status: process.terminationStatus, stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }

    /// Published output files, sorted by path.
    public func outputFiles() -> [URL] {
        guard let walker = FileManager.default.enumerator(at: outDir, includingPropertiesForKeys: nil) else { return [] }
        return walker.compactMap { $0 as? URL }.filter { OutputPath.isPublished($0.lastPathComponent) }.sorted { $0.path < $1.path }
    }

    /// Every file under the output folder, published or not.
    public func allOutputNames() -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: outDir.path) else { return [] }
        return walker.compactMap { $0 as? String }.sorted()
    }

    /// The lines of one output file, decoded; a line that is not a JSON object is returned as nil.
    public func records(_ file: URL) throws -> [[String: Any]?] {
        var bytes = Array(try Data(contentsOf: file))
        if file.pathExtension == "gz" { bytes = try GzipDecompressor.decompress(bytes) }
        guard !bytes.isEmpty else { return [] }
        precondition(bytes.last == UInt8(ascii: "\n"), "\(file.path) does not end with a newline")
        return bytes.split(separator: UInt8(ascii: "\n")).map { try? JSONSerialization.jsonObject(with: Data($0)) as? [String: Any] }
    }

    /// Every record of every published file.
    public func allRecords() throws -> [[String: Any]?] { try outputFiles().flatMap(records) }

    /// Path → contents of every file under `folder`, for byte-for-byte comparisons.
    public func snapshot(_ folder: URL) -> [String: Data] {
        var out: [String: Data] = [:]
        guard let walker = FileManager.default.enumerator(atPath: folder.path) else { return out }
        for case let name as String in walker {
            let url = folder.appendingPathComponent(name)
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir), !isDir.boolValue {
                out[name] = FileManager.default.contents(atPath: url.path)
            } else {
                out[name + "/"] = Data()
            }
        }
        return out
    }

    /// The run summaries appended to the summary log, decoded.
    public func summaries() throws -> [[String: Any]] {
        let text = (try? String(contentsOf: stateDir.appendingPathComponent("runs.log"), encoding: .utf8)) ?? ""
        return try text.split(separator: "\n").map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
    }
}
