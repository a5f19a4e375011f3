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

    /// Recovery as a run does it: on the run's own store instance (one writer per state file, under the lock).
    private func recovery(_ name: String, using store: SQLiteStateStore? = nil) throws -> OutputRecovery {
        OutputRecovery(store: try store ?? self.store(name), output: settings, tag: OutputRecovery.tag(state: statePath(name)))
    }

    private func sink(_ name: String) -> ItemSink {
        ItemSink(.file(settings, date: t0), fileTag: OutputRecovery.tag(state: statePath(name)))
    }

    private func record(_ id: String, revision: Int = 0) -> SeenRecord {
        SeenRecord(id: id, source: "news", firstSeen: t0, lastSeen: t0, contentHash: "h-\(id)", updatedAt: nil, revision: revision)
    }

    /// Publishes one file of `ids` through a sink noting in `store`, and stops there, as a run
    /// killed between publishing and committing would.
    private func publishWithoutCommit(_ ids: [String], store: SQLiteStateStore, settings: OutputSettings? = nil) throws -> URL {
        let sink = ItemSink(.file(settings ?? self.settings, date: t0), fileTag: OutputRecovery.tag(state: statePath("a")))
        for id in ids { try sink.write(line: Array("{\"id\":\"\(id)\",\"source\":\"news\"}\n".utf8)) }
        try sink.finish()
        return try #require(try sink.publish(noting: store, seen: ids.map { record($0) }, createdAt: t0))
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
        let urlA = try #require(try a.publish(noting: storeA, seen: [record("a1")], createdAt: t0))
        let urlB = try #require(try b.publish(noting: storeB, seen: [record("b1")], createdAt: t0))
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
        let adopted = try recovery("a", using: store).run(now: t0)
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
        let adopted = try recovery("a", using: store).run(now: t0)
        #expect(adopted == [final.path])
        #expect(try store.seenRecords(["mine"]).keys.sorted() == ["mine"])
        #expect(try names() == [final.lastPathComponent])
    }

    @Test func aPublishedFileMovedAwayBeforeTheRerunStillHasItsIdsAdopted() throws {
        let store = try store("a")
        let url = try publishWithoutCommit(["n1", "n2"], store: store)
        // A downstream job consumed the file before the rerun.
        try FileManager.default.moveItem(at: url, to: root.appendingPathComponent("consumed.ndjson"))
        let adopted = try recovery("a", using: store).run(now: t0)
        #expect(adopted == [url.path])
        #expect(try store.seenRecords(["n1", "n2"]) == ["n1": record("n1"), "n2": record("n2")])
        #expect(try store.pendingOutputs().isEmpty)
        #expect(try names().isEmpty)
    }

    @Test(arguments: [false, true])
    func aPublishedFileThatIsCorruptDoesNotStopRecovery(_ gzip: Bool) throws {
        let store = try store("a")
        let url = try publishWithoutCommit(["c1"], store: store, settings: OutputSettings(dir: out, layout: .flat, gzip: gzip))
        let bytes = try Data(contentsOf: url)
        try bytes.prefix(bytes.count / 2).write(to: url) // truncated: unreadable gzip, half a line
        let adopted = try recovery("a", using: store).run(now: t0)
        #expect(adopted == [url.path])
        #expect(try store.seenRecords(["c1"]).keys.sorted() == ["c1"])
        #expect(try store.pendingOutputs().isEmpty)
    }

    @Test func anAdoptedIdKeepsAHigherRevisionAlreadyCommitted() throws {
        let store = try store("a")
        try store.commit(StateCommit(seen: [record("r1", revision: 3)], now: t0))
        _ = try publishWithoutCommit(["r1", "r2"], store: store)
        _ = try recovery("a", using: store).run(now: t0)
        let found = try store.seenRecords(["r1", "r2"])
        #expect(found["r1"]?.revision == 3)
        #expect(found["r2"] == record("r2"))
    }
}
