import ChorusTestSupport
import Foundation
import Testing

/// An output folder the run cannot write to is named by `chorus check` and by `chorus ingest`
/// (exit 70) before any source is fetched. The tests run as root, for whom permission bits do
/// not bite, so the real `chorus` binary runs as `nobody` (setpriv) against a folder owned by
/// root with mode 0555.
@Suite("Read-only output folder", .serialized)
struct ReadOnlyOutputTests {
    /// Where the output folder is unusable: it exists read-only, or it is missing and the
    /// folder it would be created in is read-only.
    enum Layout: String, CaseIterable, Sendable {
        case readOnlyFolder, missingInReadOnlyParent
    }

    static let nobody = "65534"

    /// `command` (and `args`) run as `nobody` when the test runs as root, as is otherwise.
    static func asUnprivileged(_ command: [String]) -> (executable: URL, arguments: [String]) {
        guard getuid() == 0 else { return (URL(fileURLWithPath: command[0]), Array(command.dropFirst())) }
        return (URL(fileURLWithPath: "/usr/bin/setpriv"), ["--reuid=\(nobody)", "--regid=\(nobody)", "--clear-groups", "--"] + command)
    }

    /// Runs `command` unprivileged; returns its exit status and stderr.
    static func run(_ command: [String], in folder: URL) throws -> (status: Int32, stderr: String) {
        let (executable, arguments) = asUnprivileged(command)
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let err = folder.appendingPathComponent("run-\(UUID().uuidString).err")
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        IngestHarness.wait(process)
        return (process.terminationStatus, (try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }

    /// A world with one served feed, a state folder anyone may write, and an output folder
    /// `nobody` cannot use; returns the harness and the output folder the config names.
    func world(_ layout: Layout) throws -> (IngestHarness, URL) {
        let h = try IngestHarness(accessLog: true)
        try h.writeFeed("alpha", items: 0..<2)
        let fm = FileManager.default
        try fm.createDirectory(at: h.stateDir, withIntermediateDirectories: true)
        try fm.setAttributes([.posixPermissions: 0o777], ofItemAtPath: h.stateDir.path)
        let locked = h.root.appendingPathComponent("locked")
        try fm.createDirectory(at: locked, withIntermediateDirectories: true)
        try fm.setAttributes([.posixPermissions: 0o555], ofItemAtPath: locked.path)
        let out = layout == .readOnlyFolder ? locked : locked.appendingPathComponent("out")
        let yaml = """
            output: { dir: \(out.path) }
            state: { path: state/chorus.sqlite }
            sources:
              - { name: alpha, type: feed, url: "\(h.url("alpha.rss"))" }

            """
        try yaml.write(to: h.configURL, atomically: true, encoding: .utf8)
        // The premise: the unprivileged user really cannot write there (else the test proves nothing).
        let probe = try Self.run(["/usr/bin/touch", locked.appendingPathComponent("probe").path], in: h.root)
        #expect(probe.status != 0, "the unprivileged user could write to \(locked.path): \(probe.stderr)")
        return (h, out)
    }

    @Test(arguments: Layout.allCases)
    func checkNamesTheOutputFolder(_ layout: Layout) throws {
        let (h, out) = try world(layout)
        let check = try Self.run([RepoPaths.chorusBinary.path, "check", "--config", h.configURL.path], in: h.root)
        #expect(check.status == 70, "\(check.stderr)")
        #expect(check.stderr.contains("output: \(out.path)"), "\(check.stderr)")
        #expect(check.stderr.contains("Permission denied"), "\(check.stderr)")
    }

    @Test(arguments: Layout.allCases)
    func ingestStopsBeforeFetching(_ layout: Layout) throws {
        let (h, out) = try world(layout)
        let run = try Self.run([RepoPaths.chorusBinary.path, "ingest", "--config", h.configURL.path], in: h.root)
        #expect(run.status == 70, "\(run.stderr)")
        #expect(run.stderr.contains("chorus ingest: output: \(out.path)"), "\(run.stderr)")
        #expect(run.stderr.contains("nothing was fetched"), "\(run.stderr)")
        #expect(try h.server.accessLogLines().isEmpty, "no source was fetched")
        #expect(!FileManager.default.fileExists(atPath: h.statePath.path), "no state was created")

        // Once the folder is writable, the same run lands.
        try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: h.root.appendingPathComponent("locked").path)
        let fixed = try Self.run([RepoPaths.chorusBinary.path, "ingest", "--config", h.configURL.path], in: h.root)
        #expect(fixed.status == 0, "\(fixed.stderr)")
        #expect(try h.server.accessLogLines().count == 1)
    }

    /// An SQLite state file the user cannot write (here: left by a run as root, then made
    /// read-only) would fail the commit after every source was fetched: check and ingest name it.
    @Test func aReadOnlyStateFileIsNamedBeforeFetching() throws {
        let h = try IngestHarness(accessLog: true)
        try h.writeFeed("alpha", items: 0..<2)
        try h.writeConfig(feeds: [("alpha", h.url("alpha.rss"))])
        #expect(try h.run().status == 0, "a first run as root")
        let fm = FileManager.default
        // Everything but the state file is opened to the unprivileged user.
        for folder in [h.outDir, h.stateDir] {
            try fm.setAttributes([.posixPermissions: 0o777], ofItemAtPath: folder.path)
            for name in try fm.subpathsOfDirectory(atPath: folder.path) {
                let path = folder.appendingPathComponent(name).path
                var isFolder: ObjCBool = false
                _ = fm.fileExists(atPath: path, isDirectory: &isFolder)
                try fm.setAttributes([.posixPermissions: isFolder.boolValue ? 0o777 : 0o666], ofItemAtPath: path)
            }
        }
        try fm.setAttributes([.posixPermissions: 0o777], ofItemAtPath: h.root.path)
        try fm.setAttributes([.posixPermissions: 0o444], ofItemAtPath: h.statePath.path)
        let requests = try h.server.accessLogLines().count
        try h.writeFeed("alpha", items: 0..<4)

        let check = try Self.run([RepoPaths.chorusBinary.path, "check", "--config", h.configURL.path], in: h.root)
        #expect(check.status == 70, "\(check.stderr)")
        #expect(check.stderr.contains("state: \(h.statePath.path) is not writable (Permission denied)"), "\(check.stderr)")
        let run = try Self.run([RepoPaths.chorusBinary.path, "ingest", "--config", h.configURL.path, "--ignore-schedule"], in: h.root)
        #expect(run.status == 70, "\(run.stderr)")
        #expect(run.stderr.contains("chorus ingest: state: \(h.statePath.path) is not writable"), "\(run.stderr)")
        #expect(try h.server.accessLogLines().count == requests, "no source was fetched")

        try fm.setAttributes([.posixPermissions: 0o666], ofItemAtPath: h.statePath.path)
        let fixed = try Self.run([RepoPaths.chorusBinary.path, "ingest", "--config", h.configURL.path, "--ignore-schedule"], in: h.root)
        #expect(fixed.status == 0, "\(fixed.stderr)")
        #expect(try h.allRecords().count == 4, "the two new items land once")
    }
}
