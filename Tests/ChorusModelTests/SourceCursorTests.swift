import Foundation
import Testing
import ChorusModel

/// A cursor read from a state store's text answers exactly as the same text decoded whole, and
/// goes back to the store byte for byte until a record is written.
@Suite("Source cursors kept as stored text")
struct SourceCursorTests {
    struct Probe: CursorRecord, Equatable {
        static let cursorKey = "probe"
        var token: String
        var count: Int?
        static func legacyKeys(_ key: String) -> Bool { key == "probe_token" }
        init(token: String, count: Int? = nil) { self.token = token; self.count = count }
        init?(legacy: [String: String]) {
            guard let token = legacy["probe_token"] else { return nil }
            self.token = token
        }
    }

    static let texts = [
        #"{"probe":{"token":"a","count":3}}"#,
        #"{ "other" : {"x": [1, 2.5, true, null]},   "probe": {"token": "b"} }"#,
        #"{"probe_token":"legacy","newest_id":"9"}"#,
        #"{"probe":{"token":"typed"},"probe_token":"legacy"}"#,
        #"{"probe":{"count":1}}"#,            // the record's member without its required field
        #"{"probe":"a string, not a record","probe_token":"legacy"}"#,
        #"{"probe_token":{"not":"a string"}}"#,
        #"{"probe":{"token":"é \u00e9 \ud83d\ude00"}}"#,
        #"{}"#, #"[]"#, #"not json"#, #""#, #"{"probe":{"token":"cut"#,
    ]

    @Test(arguments: texts)
    func aStoredCursorAnswersAsTheSameTextDecodedWhole(_ text: String) {
        let kept = SourceCursor(storedJSON: text)
        let whole = (try? JSONDecoder().decode(SourceCursor.self, from: Data(text.utf8))) ?? SourceCursor()
        #expect(kept.read(Probe.self) == whole.read(Probe.self))
        #expect(kept.lookup(Probe.self) == whole.lookup(Probe.self))
        #expect(kept.names == whole.names)
        #expect(kept.legacy == whole.legacy)
        #expect(kept.isEmpty == whole.isEmpty)
        #expect(kept == whole)
    }

    @Test func anUntouchedCursorGoesBackByteForByteAndAWrittenOneIsReencoded() throws {
        let text = #"{ "other" : {"x": [1, 2.5]},   "probe": {"token": "b"} }"#
        var cursor = SourceCursor(storedJSON: text)
        #expect(try cursor.storedJSON() == text)
        #expect(cursor.read(Probe.self) == Probe(token: "b"))

        cursor.write(Probe(token: "c", count: 2))
        #expect(try cursor.storedJSON() == #"{"other":{"x":[1,2.5]},"probe":{"count":2,"token":"c"}}"#)
        #expect(cursor.read(Probe.self) == Probe(token: "c", count: 2))

        var legacy = SourceCursor(storedJSON: #"{"probe_token":"old","keep":"me"}"#)
        #expect(legacy.lookup(Probe.self) == (Probe(token: "old"), true))
        legacy.write(Probe(token: "new"))
        #expect(legacy.lookup(Probe.self) == (Probe(token: "new"), false))
        #expect(try legacy.storedJSON() == #"{"keep":"me","probe":{"token":"new"}}"#)

        #expect(try SourceCursor(storedJSON: "{}").storedJSON() == "{}")
        // Damaged text reads as empty and goes back as the empty object it reads as.
        for damaged in ["null", #"{"probe":{"token":"cut"#, "", "[]", "not json"] {
            let cursor = SourceCursor(storedJSON: damaged)
            #expect(cursor.isEmpty && cursor == SourceCursor(), "\(damaged)")
            #expect(try cursor.storedJSON() == "{}", "\(damaged)")
        }
        #expect(try SourceCursor().storedJSON() == "{}")
        var emptied = SourceCursor(storedJSON: #"{"probe":{"token":"x"}}"#)
        emptied.write(Probe?.none)
        #expect(try emptied.storedJSON() == "{}")
    }
}
