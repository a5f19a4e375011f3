import ChorusOutput
import Foundation
import Testing
import ChorusTestSupport

@Suite("Atomic output files")
struct AtomicFileWriterTests {
    let dir: URL
    let date = Date(timeIntervalSince1970: 1_795_909_500) // 2026-11-28T23:45:00Z

    init() throws {
        dir = try RepoPaths.temporaryDirectory("chorus-out")
    }

    @Test func pathsFollowTheDatePartitionLayout() {
        let url = OutputPath.make(dir: dir, partitioned: true, prefix: "chorus", gzip: false, date: date)
        #expect(url.path == dir.appendingPathComponent("date=2026-11-28/chorus-20261128T234500Z.ndjson").path)
        let flat = OutputPath.make(dir: dir, partitioned: false, prefix: "zte", gzip: true, date: date)
        #expect(flat.lastPathComponent == "zte-20261128T234500Z.ndjson.gz")
    }

    @Test func aTakenNameGetsASuffix() throws {
        let first = OutputPath.make(dir: dir, partitioned: false, prefix: "chorus", gzip: false, date: date)
        try Data().write(to: first)
        let second = OutputPath.make(dir: dir, partitioned: false, prefix: "chorus", gzip: false, date: date)
        #expect(second.lastPathComponent == "chorus-20261128T234500Z-2.ndjson")
    }

    @Test func theFileIsInvisibleUnderItsFinalNameUntilPublished() throws {
        let url = OutputPath.make(dir: dir, partitioned: true, prefix: "chorus", gzip: false, date: date)
        let writer = try AtomicFileWriter(url: url)
        try writer.write(Array("{\"a\":1}\n".utf8))
        try writer.makeDurable()
        #expect(!FileManager.default.fileExists(atPath: url.path))
        #expect(FileManager.default.fileExists(atPath: writer.temporaryURL.path))
        #expect(!OutputPath.isPublished(writer.temporaryURL.lastPathComponent))
        try writer.publish()
        #expect(try String(contentsOf: url, encoding: .utf8) == "{\"a\":1}\n")
        #expect(!FileManager.default.fileExists(atPath: writer.temporaryURL.path))
        #expect(OutputPath.isPublished(url.lastPathComponent))
    }

    @Test func publishingUnderANameAnotherRunTookNeverReplacesItsFile() throws {
        // Two runs sharing the folder chose the same name in the same second.
        let url = OutputPath.make(dir: dir, partitioned: false, prefix: "chorus", gzip: false, date: date)
        let first = try AtomicFileWriter(url: url, tag: "aaaa")
        let second = try AtomicFileWriter(url: url, tag: "bbbb")
        try first.write(Array("{\"run\":1}\n".utf8))
        try second.write(Array("{\"run\":2}\n".utf8))
        try first.makeDurable()
        try second.makeDurable()
        try first.publish()
        #expect(throws: OutputError.self) { try second.publish() }
        #expect(try String(contentsOf: url, encoding: .utf8) == "{\"run\":1}\n")
        #expect(FileManager.default.fileExists(atPath: second.temporaryURL.path), "the loser keeps its temporary file")
        let next = OutputPath.next(after: url)
        #expect(try second.publish(to: next))
        #expect(second.url == next)
        #expect(try String(contentsOf: next, encoding: .utf8) == "{\"run\":2}\n")
        #expect(try String(contentsOf: url, encoding: .utf8) == "{\"run\":1}\n")
        #expect(!FileManager.default.fileExists(atPath: second.temporaryURL.path))
    }

    @Test func publishToATakenNameReturnsFalseAndChangesNothing() throws {
        let url = dir.appendingPathComponent("taken.ndjson")
        try Data("theirs\n".utf8).write(to: url)
        let writer = try AtomicFileWriter(url: url)
        try writer.write(Array("mine\n".utf8))
        try writer.makeDurable()
        #expect(try writer.publish(to: url) == false)
        #expect(writer.url == url)
        #expect(try String(contentsOf: url, encoding: .utf8) == "theirs\n")
        #expect(try String(contentsOf: writer.temporaryURL, encoding: .utf8) == "mine\n")
    }

    @Test(arguments: [
        ("chorus-20261128T234500Z.ndjson", "chorus-20261128T234500Z-2.ndjson"),
        ("chorus-20261128T234500Z-2.ndjson", "chorus-20261128T234500Z-3.ndjson"),
        ("chorus-20261128T234500Z-19.ndjson.gz", "chorus-20261128T234500Z-20.ndjson.gz"),
        ("my-feed-20261128T234500Z.ndjson.gz", "my-feed-20261128T234500Z-2.ndjson.gz"),
    ])
    func theNextNameCountsUpTheSuffix(_ name: String, _ expected: String) {
        #expect(OutputPath.next(after: dir.appendingPathComponent(name)).lastPathComponent == expected)
    }

    @Test func temporaryNamesCarryTheirPidAndTag() throws {
        let tagged = try AtomicFileWriter(url: dir.appendingPathComponent("a.ndjson"), tag: "0a1b2c")
        defer { tagged.discard() }
        let owner = try #require(AtomicFileWriter.temporaryOwner(of: tagged.temporaryURL.lastPathComponent))
        #expect(owner.pid == getpid())
        #expect(owner.tag == "0a1b2c")
        let plain = try #require(AtomicFileWriter.temporaryOwner(of: ".chorus-20261128T234500Z.ndjson.4242.tmp"))
        #expect(plain.pid == 4242)
        #expect(plain.tag == nil)
        #expect(AtomicFileWriter.temporaryOwner(of: "chorus-20261128T234500Z.ndjson") == nil)
        #expect(AtomicFileWriter.temporaryOwner(of: ".hidden.tmp") == nil)
        #expect(AtomicFileWriter.temporaryOwner(of: ".x.ndjson.notapid.tmp") == nil)
    }

    @Test func discardingLeavesNoFileBehind() throws {
        let url = dir.appendingPathComponent("x.ndjson")
        let writer = try AtomicFileWriter(url: url)
        try writer.write(Array("partial".utf8))
        writer.discard()
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }

    @Test(arguments: [0, 1, 300_000, 2_000_000])
    func gzipOutputRoundTrips(_ size: Int) throws {
        var bytes: [UInt8] = []
        var line = 0
        while bytes.count < size {
            bytes += Array("{\"n\":\(line),\"text\":\"ZTE \(line * 7919 % 1000)\"}\n".utf8)
            line += 1
        }
        let url = dir.appendingPathComponent("g.ndjson.gz")
        let writer = try AtomicFileWriter(url: url, gzip: true)
        var offset = 0
        while offset < bytes.count {
            let end = min(bytes.count, offset + 70_001)
            try writer.write(Array(bytes[offset..<end]))
            offset = end
        }
        try writer.makeDurable()
        try writer.publish()
        let compressed = Array(try Data(contentsOf: url))
        #expect(compressed.prefix(2) == [0x1f, 0x8b])
        #expect(try GzipDecompressor.decompress(compressed) == bytes)
    }

    @Test func truncatedGzipIsAnError() throws {
        let url = dir.appendingPathComponent("t.ndjson.gz")
        let writer = try AtomicFileWriter(url: url, gzip: true)
        try writer.write(Array(repeating: UInt8(ascii: "a"), count: 10_000))
        try writer.makeDurable()
        try writer.publish()
        let compressed = Array(try Data(contentsOf: url))
        #expect(throws: OutputError.self) { try GzipDecompressor.decompress(Array(compressed.dropLast(6))) }
    }

    @Test func anUnwritableFolderIsAnOutputError() throws {
        let file = dir.appendingPathComponent("file")
        try Data().write(to: file)
        #expect(throws: OutputError.self) { try AtomicFileWriter(url: file.appendingPathComponent("sub/x.ndjson")) }
    }
}
