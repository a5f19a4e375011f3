@testable import ChorusReport
import Foundation
import Testing

/// Reading lines: timestamps with offsets and fractions, string escapes, odd but valid JSON,
/// malformed lines, gzip, and lines split across read chunks.
@Suite("report input reading")
struct ReportReaderTests {
    @Test(arguments: [
        ("2018-05-13T15:00:00Z", Int64(1_526_223_600)),
        ("2018-05-13T17:00:00+02:00", 1_526_223_600),
        ("2018-05-13T10:00:00.999-05:00", 1_526_223_600),
        ("2018-05-13t15:00:00z", 1_526_223_600),
        ("2018-05-13 15:00:00+0000", 1_526_223_600),
        ("1969-12-31T23:59:59Z", -1),
        ("2016-02-29T00:00:00Z", 1_456_704_000),
    ])
    func timestampsReadToUTCSeconds(text: String, seconds: Int64) {
        #expect(Array(text.utf8).withUnsafeBufferPointer { TimestampReader.seconds($0) } == seconds)
    }

    @Test(arguments: ["2018-05-13", "2018-13-01T00:00:00Z", "2017-02-29T00:00:00Z", "2018-05-13T15:00:00", "2018-05-13T15:00:00+2:00", "2018-05-13T15:00:00Zjunk", "yesterday"])
    func unreadableTimestampsAreNil(text: String) {
        #expect(Array(text.utf8).withUnsafeBufferPointer { TimestampReader.seconds($0) } == nil)
    }

    @Test func stringsAreDecodedWithTheirEscapes() throws {
        let line = #"{"id":"x","title":"a \"quote\" \\ back\/slash \u00e9 \ud83d\ude00 \n end","text":"中兴 好消息","sentiment":null}"#
        var record = ReportRecord()
        let ok = Array(line.utf8).withUnsafeBufferPointer { buf in
            guard ReportRecordReader.read(buf, into: &record) else { return false }
            #expect(record.title?.decode(in: buf) == "a \"quote\" \\ back/slash é 😀 \n end")
            #expect(record.text?.decode(in: buf) == "中兴 好消息")
            return true
        }
        #expect(ok)
        #expect(record.label == .notScored)
    }

    @Test func keysInAnyOrderWithBlanksAndUnknownValuesRead() {
        let line = #"  { "sentiment" : { "rules" : [ "a" , 1 , {"x":[]} ], "compound" : -5e-1, "label" : "negative" }, "extra": {"nested": [1, "}", true]}, "revision": 2, "id": "i" }  "#
        var record = ReportRecord()
        let ok = Array(line.utf8).withUnsafeBufferPointer { ReportRecordReader.read($0, into: &record) }
        #expect(ok)
        #expect(record.label == .negative)
        #expect(record.compound == -5000)
        #expect(record.revision == 2)
    }

    @Test(arguments: [
        #"{"id":"x","sentiment":{"label":"positive","compound":null}}"#,
        #"{"id":"x","sentiment":{"label":"positive","compound":1.5}}"#,
        #"{"id":"x","sentiment":{"label":"unscored","compound":0.5}}"#,
        #"{"id":"x","sentiment":{"label":"Positive","compound":0.5}}"#,
        #"{"id":"x","sentiment":"positive"}"#,
        #"{"id":"x","sentiment":{"label":null,"compound":null,"pos":null,"neu":null,"neg":null,"tags":[],"rules":["lang-unsupported"],"scored":false,"lang":"ja"}}"#,
        #"{"id":"x","sentiment":{"label":"positive","compound":0.5,"scored":false}}"#,
    ])
    func anythingButTheFourLabelsWithACompoundIsNotScored(line: String) {
        var record = ReportRecord()
        let ok = Array(line.utf8).withUnsafeBufferPointer { ReportRecordReader.read($0, into: &record) }
        #expect(ok)
        #expect(record.label == .notScored)
    }

    @Test func aScoredLabelWithTheNewFieldsStillCounts() {
        let line = #"{"id":"x","sentiment":{"label":"mixed","compound":0.1234,"pos":0.2,"neu":0.6,"neg":0.2,"tags":[],"rules":["lexicon"],"scored":true,"lang":"en"}}"#
        var record = ReportRecord()
        let ok = Array(line.utf8).withUnsafeBufferPointer { ReportRecordReader.read($0, into: &record) }
        #expect(ok)
        #expect(record.label == .mixed && record.compound == 1234)
    }

    @Test(arguments: ["{not json", "[1,2]", #"{"id":"x""#, #"{"id":"x"} trailing"#, #"{"source":"no id"}"#, #"{"id":"x","title":"unterminated}"#, "\u{1}"])
    func malformedLinesAreCountedNotFatal(line: String) {
        let s = ReportFixture.summary(lines: [line, #"{"id":"ok","published_at":"2018-05-13T15:00:00Z"}"#])
        #expect(s.input.malformed == 1)
        #expect(s.totals.items == 1)
    }

    @Test func linesAcrossReadChunksAndGzipMembersAreWhole() throws {
        // A line longer than one read chunk, in a file of two concatenated gzip members.
        let dir = try ReportFixture.outputFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let long = #"{"id":"long","published_at":"2018-05-13T15:00:00Z","text":""# + String(repeating: "ab", count: NDJSONLineReader.chunkBytes) + "\"}\n"
        let plain = dir.appendingPathComponent("long.ndjson")
        try Data(long.utf8).write(to: plain)
        let part1 = dir.appendingPathComponent("p1.gz"), part2 = dir.appendingPathComponent("p2.gz")
        try ReportFixture.gzip(plain.path, to: part1)
        try ReportFixture.gzip(ReportFixture.extra, to: part2)
        let joined = dir.appendingPathComponent("joined.ndjson.gz")
        try (Data(contentsOf: part1) + Data(contentsOf: part2)).write(to: joined)
        let s = try ReportFixture.summary([joined.path])
        #expect(s.input.lines == 4)
        #expect(s.input.malformed == 0)
        #expect(s.totals.items == 4)
    }

    @Test func aTruncatedGzipFileIsAnErrorNamingIt() throws {
        let dir = try ReportFixture.outputFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let gz = dir.appendingPathComponent("chorus-20180514T000000Z.ndjson.gz")
        let data = try Data(contentsOf: gz)
        let cut = dir.appendingPathComponent("cut.ndjson.gz")
        try data.prefix(data.count - 12).write(to: cut)
        let aggregator = ReportAggregator(options: ReportOptions())
        #expect(throws: ReportError.self) { try aggregator.read(path: cut.path) }
        do { try aggregator.read(path: cut.path) } catch { #expect(error.message.contains("cut.ndjson.gz")) }
        #expect(throws: ReportError.self) { try aggregator.read(path: dir.appendingPathComponent("missing.ndjson").path) }
    }

    @Test func nonHexIDsAreHashedAndStillDeduplicated() {
        let lines = [
            #"{"id":"tag:example.com,2018:1","revision":0,"sentiment":{"label":"negative","compound":-0.5}}"#,
            #"{"id":"tag:example.com,2018:1","revision":1,"sentiment":{"label":"positive","compound":0.5}}"#,
            #"{"id":"tag:example.com,2018:2","revision":0,"sentiment":{"label":"positive","compound":0.5}}"#,
        ]
        let s = ReportFixture.summary(lines: lines)
        #expect(s.totals.items == 2)
        #expect(s.totals.count(.positive) == 2)
        #expect(s.input.superseded == 1)
    }

    @Test func inputPatternsExpandGlobsFoldersAndFiles() throws {
        let dir = try ReportFixture.outputFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try ReportInputs.files(matching: [dir.path + "/date=*/*.ndjson"]).count == 1)
        #expect(try ReportInputs.files(matching: [dir.path]).count == 2)
        #expect(try ReportInputs.files(matching: ["-"]) == ["-"])
        #expect(throws: ReportError.self) { try ReportInputs.files(matching: [dir.path + "/nothing-*.ndjson"]) }
    }

    @Test func sinceAndUntilAcceptTimesDatesAndSpans() {
        let now = Date(timeIntervalSince1970: 1_526_223_600)
        #expect(ReportTime.parse("2018-05-13", now: now) == 1_526_169_600)
        #expect(ReportTime.parse("2018-05-13T17:00:00+02:00", now: now) == 1_526_223_600)
        #expect(ReportTime.parse("36h", now: now) == Int64(1_526_223_600 - 36 * 3600))
        #expect(ReportTime.parse("7d", now: now) == Int64(1_526_223_600 - 7 * 86_400))
        #expect(ReportTime.parse("90m", now: now) == Int64(1_526_223_600 - 90 * 60))
        #expect(ReportTime.parse("soon", now: now) == nil)
        #expect(ReportTime.parse("3w", now: now) == nil)
    }
}
