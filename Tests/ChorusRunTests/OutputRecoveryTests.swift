import ChorusOutput
import ChorusTestSupport
import Foundation
import Testing
@testable import ChorusRun

/// Output publication and crash recovery when several configs (each with its own state store and
/// lock) share one output folder.
@Suite("Output publication and recovery")
struct OutputRecoveryTests {
    let root: URL
    let out: URL
    let settings: OutputSettings
    let t0 = Date(timeIntervalSince1970: 1_795_909_500) // 2026-11-28T23:45:00Z

    init() throws {
        root = try RepoPaths.temporaryDirectory("chorus-recovery")
        out = root.appendingPathComponent("out")
        settings = OutputSettings(dir: out, layout: .flat)
    }

    private func statePath(_ name: String) -> URL { root.appendingPathComponent("\(name)/chorus.sqlite") }

    private func store(_ name: String) throws -> SQLiteStateStore { try SQLiteStateStore(path: statePath(name)) }

    private func recovery(_ name: String) throws -> OutputRecovery {
        OutputRecovery(store: try store(name), output: settings, tag: OutputRecovery.tag(state: statePath(name)))
    }

    private func sink(_ name: String) -> ItemSink {
        ItemSink(.file(settings, date: t0), fileTag: OutputRecovery.tag(state: statePath(name)))
    }

    private func names() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
    }

    /// A pid that is certainly not alive: that of a child that has exited and been reaped.
    private func deadPid() throws -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/true")
        try p.run()
        p.waitUntilExit()
        return p.processIdentifier
    }

    @Test func twoRunsSharingTheFolderInOneSecondKeepBothFilesAndNoteTheRealName() throws {
        let (storeA, storeB) = (try store("a"), try store("b"))
        let (a, b) = (sink("a"), sink("b"))
        // Both choose their file name before either publishes.
        try a.write(line: Array("{\"id\":\"a1\"}\n".utf8))
        try b.write(line: Array("{\"id\":\"b1\"}\n".utf8))
        try a.finish()
        try b.finish()
        let urlA = try #require(try a.publish(noting: storeA, createdAt: t0))
        let urlB = try #require(try b.publish(noting: storeB, createdAt: t0))
        #expect(urlA.lastPathComponent == "chorus-20261128T234500Z.ndjson")
        #expect(urlB.lastPathComponent == "chorus-20261128T234500Z-2.ndjson")
        #expect(try String(contentsOf: urlA, encoding: .utf8) == "{\"id\":\"a1\"}\n")
        #expect(try String(contentsOf: urlB, encoding: .utf8) == "{\"id\":\"b1\"}\n")
        #expect(try storeB.pendingOutputs().map(\.path) == [urlB.path], "the note names the file actually published")
        #expect(try names() == [urlA.lastPathComponent, urlB.lastPathComponent].sorted(), "no temporary file is left")
    }

    @Test func recoveryLeavesTheTemporaryFilesOfOtherLiveOrForeignRunsAlone() throws {
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let dead = try deadPid()
        let mine = OutputRecovery.tag(state: statePath("a"))
        let theirs = OutputRecovery.tag(state: statePath("b"))
        let live = ".chorus-20261128T234500Z.ndjson.1.tmp" // pid 1 is always alive
        let foreign = ".chorus-20261128T234500Z-2.ndjson.\(dead).\(theirs).tmp"
        let orphan = ".chorus-20261128T234400Z.ndjson.\(dead).tmp"
        let own = ".chorus-20261128T234300Z.ndjson.\(dead).\(mine).tmp"
        for name in [live, foreign, orphan, own, "chorus-20261128T234000Z.ndjson"] {
            try Data("{}\n".utf8).write(to: out.appendingPathComponent(name))
        }
        _ = try recovery("a").run(now: t0)
        #expect(try names() == [live, foreign, "chorus-20261128T234000Z.ndjson"].sorted())
    }

    @Test func aNoteWhoseNameAnotherRunTookIsNotMistakenForPublished() throws {
        // The run noted a name, lost the race for it, and died before retrying.
        let store = try store("a")
        let final = out.appendingPathComponent("chorus-20261128T234500Z.ndjson")
        let temp = out.appendingPathComponent(".chorus-20261128T234500Z.ndjson.\(try deadPid()).\(OutputRecovery.tag(state: statePath("a"))).tmp")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try Data("{\"id\":\"theirs\",\"source\":\"b\"}\n".utf8).write(to: final)
        try Data("{\"id\":\"mine\",\"source\":\"a\"}\n".utf8).write(to: temp)
        try store.beginOutput(PendingOutput(path: final.path, temporaryPath: temp.path, createdAt: t0))
        let adopted = try recovery("a").run(now: t0)
        #expect(adopted.isEmpty)
        #expect(try store.seenRecords(["theirs", "mine"]).isEmpty)
        #expect(try store.pendingOutputs().isEmpty)
        #expect(try names() == [final.lastPathComponent])
    }

    @Test func aCrashBetweenLinkAndUnlinkCountsAsPublished() throws {
        let store = try store("a")
        let final = out.appendingPathComponent("chorus-20261128T234500Z.ndjson")
        let temp = out.appendingPathComponent(".chorus-20261128T234500Z.ndjson.\(try deadPid()).\(OutputRecovery.tag(state: statePath("a"))).tmp")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try Data("{\"id\":\"mine\",\"source\":\"a\"}\n".utf8).write(to: temp)
        #expect(link(temp.path, final.path) == 0)
        try store.beginOutput(PendingOutput(path: final.path, temporaryPath: temp.path, createdAt: t0))
        let adopted = try recovery("a").run(now: t0)
        #expect(adopted == [final.path])
        #expect(try store.seenRecords(["mine"]).keys.sorted() == ["mine"])
        #expect(try names() == [final.lastPathComponent])
    }
}
