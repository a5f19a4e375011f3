import ChorusTestSupport
import Foundation
import Testing

/// What held when the run was attacked, kept as tests: a full disk ends in exit 70 with the state
/// not advanced and the next run delivering exactly once; a kill -9 at every durability step of
/// the commit (each fsync, fdatasync, link and unlink, via strace's syscall injection) never loses
/// or doubles an item, and the lock it leaves behind does not keep the next run out.
@Suite("Full disk and kill -9 at every durability step", .serialized)
struct DurabilityFaultTests {
    /// Runs `/bin/sh -c script` (with `arguments` as $1…) and returns its status and output.
    static func shell(_ script: String, _ arguments: [String], prefix: [String] = []) throws -> (status: Int32, output: String) {
        let process = Process()
        let command = prefix + ["/bin/sh", "-c", script, "sh"] + arguments
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst())
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        IngestHarness.wait(process, limit: 300)
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func aFullDiskEndsInExit70AndTheNextRunDeliversExactlyOnce() throws {
        let h = try IngestHarness()
        try h.writeFeed("alpha", items: 0..<600)
        try h.writeFeed("beta", items: 0..<600)
        try h.writeConfig(feeds: [("alpha", h.url("alpha.rss")), ("beta", h.url("beta.rss"))])
        try FileManager.default.createDirectory(at: h.outDir, withIntermediateDirectories: true)
        let copy = h.root.appendingPathComponent("out-copy")
        // In a private mount namespace the output folder is a 64 KiB tmpfs: the run's file does not
        // fit. The disk is then grown and the run repeated; the folder is copied out before the
        // namespace (and its tmpfs) ends.
        let script = """
            set -u
            mount -t tmpfs -o size=64k chorus-full "$3" || { echo "mount refused"; exit 99; }
            "$1" ingest --config "$2"; echo "first=$?"
            ls -a "$3" | tr '\\n' ' '; echo
            "$1" ingest --config "$2" --ignore-schedule; echo "same-disk=$?"
            mount -o remount,size=16m "$3"
            "$1" ingest --config "$2" --ignore-schedule; echo "grown=$?"
            cp -a "$3" "$4"
            """
        let r = try Self.shell(script, [RepoPaths.chorusBinary.path, h.configURL.path, h.outDir.path, copy.path],
                               prefix: ["/usr/bin/unshare", "--mount", "--propagation", "private"])
        #expect(r.status == 0, "\(r.output)")
        #expect(r.output.contains("first=70"), "\(r.output)")
        #expect(r.output.contains("No space left on device"), "the error names the cause: \(r.output)")
        #expect(r.output.contains("same-disk=70"), "the state did not advance: the next run tries again: \(r.output)")
        #expect(r.output.contains("grown=0"), "\(r.output)")

        var ids: [String] = []
        let walker = FileManager.default.enumerator(atPath: copy.path)
        while let name = walker?.nextObject() as? String {
            #expect(!name.hasSuffix(".tmp"), "no temporary file is left: \(name)")
            guard name.hasSuffix(".ndjson") else { continue }
            ids += try h.records(copy.appendingPathComponent(name)).compactMap { $0?["id"] as? String }
        }
        #expect(ids.count == 1200, "every item once, none lost")
        #expect(Set(ids).count == ids.count, "none twice")
    }

    /// The durability syscalls of a run's commit, in the order strace saw them in a run that
    /// had new items to write: per syscall name, how many calls.
    static func durabilityCalls(_ trace: String) -> [String: Int] {
        var counts: [String: Int] = [:]
        for line in trace.split(separator: "\n") {
            // "<pid> <name>(args) = result", the pid padded with spaces to a width.
            let words = line.split(maxSplits: 1, whereSeparator: \.isWhitespace)
            guard words.count == 2 else { continue }
            let call = words[1].drop { $0.isWhitespace }
            guard let paren = call.firstIndex(of: "("), call[..<paren].allSatisfy({ $0.isLetter || $0.isNumber }) else { continue }
            counts[String(call[..<paren]), default: 0] += 1
        }
        return counts
    }

    @Test func theTraceIsReadWhateverThePidWidth() {
        let trace = "13802 fsync(16)                         = 0\n987   fdatasync(16) = 0\n42    link(\"/a\", \"/b\") = 0\n42    +++ killed by SIGKILL +++\n"
        #expect(Self.durabilityCalls(trace) == ["fsync": 1, "fdatasync": 1, "link": 1])
    }

    @Test func killNineAtEveryDurabilityStepLosesAndDoublesNothing() throws {
        let h = try IngestHarness()
        let feeds = ["alpha", "beta", "gamma"]
        var sizes = Dictionary(uniqueKeysWithValues: feeds.map { ($0, 3) })
        for f in feeds { try h.writeFeed(f, items: 0..<3) }
        try h.writeConfig(feeds: feeds.map { ($0, h.url("\($0).rss")) })
        #expect(try h.run().status == 0)
        var round = 0
        /// New items in one feed, so the next run has something to commit.
        func grow() throws {
            let f = feeds[round % feeds.count]
            sizes[f]! += 2
            round += 1
            try h.writeFeed(f, items: 0..<sizes[f]!)
        }
        let chorus = RepoPaths.chorusBinary.path
        let calls = "fsync,fdatasync,link,linkat,unlink,unlinkat,rename,renameat,renameat2"

        // A traced run finds the steps of one commit.
        try grow()
        let trace = h.root.appendingPathComponent("trace.txt")
        let traced = try Self.shell(#""$1" -f -qq -e trace=\#(calls) -o "$2" "$3" ingest --config "$4" --ignore-schedule"#,
                                    ["/usr/bin/strace", trace.path, chorus, h.configURL.path])
        #expect(traced.status == 0, "\(traced.output)")
        let steps = Self.durabilityCalls(try String(contentsOf: trace, encoding: .utf8))
        #expect(steps["link", default: 0] + steps["linkat", default: 0] >= 1, "the output file is published by a link: \(steps)")
        #expect(steps["fsync", default: 0] + steps["fdatasync", default: 0] >= 2, "\(steps)")

        // Each step in turn: the run is killed as it enters that call, then a clean run finishes.
        var killed: [String: Int] = [:]
        for (name, count) in steps.sorted(by: { $0.key < $1.key }) {
            for n in 1...count {
                try grow()
                let r = try Self.shell(#""$1" -f -qq -o /dev/null -e inject=\#(name):signal=KILL:when=\#(n) "$2" ingest --config "$3" --ignore-schedule; echo "status=$?""#,
                                       ["/usr/bin/strace", chorus, h.configURL.path])
                // strace exits like its tracee: 128 + 9 when it was killed.
                if r.output.contains("status=137") { killed[name, default: 0] += 1 }
                let after = try h.run(["--ignore-schedule"])
                #expect(after.status == 0, "after a kill at \(name) #\(n): \(after.stderr)")
                let ids = try h.allRecords().compactMap { $0?["id"] as? String }
                #expect(Set(ids).count == ids.count, "after a kill at \(name) #\(n): an item was written twice")
                #expect(ids.count == sizes.values.reduce(0, +), "after a kill at \(name) #\(n): an item was lost")
            }
        }
        // The threads a run uses may differ from the traced run's (strace counts calls per
        // thread), so not every n must hit; every kind of step must.
        #expect(Set(killed.keys) == Set(steps.keys), "steps killed: \(killed) of \(steps)")
        #expect(killed.values.reduce(0, +) * 2 >= steps.values.reduce(0, +), "steps killed: \(killed) of \(steps)")
        #expect(h.allOutputNames().allSatisfy { !$0.hasSuffix(".tmp") }, "no temporary file is left")
    }
}
