import Testing
@testable import ChorusParse

@Suite("JSON reader")
struct JSONReaderTests {
    @Test("Objects, arrays and scalars are read with their types")
    func readsEveryKind() throws {
        let doc = try JSONReader.parse(Array(#" {"a": [1, -2.5e3, true, false, null, "x"], "b": {}, "c": []} "#.utf8))
        let root = doc.root
        #expect(root.kind == .object)
        #expect(root.count == 3)
        let a = try #require(root["a"]).elements
        #expect(a.map(\.kind) == [.number, .number, .bool, .bool, .null, .string])
        #expect(a[0].int64Value == 1)
        #expect(a[1].doubleValue == -2500)
        #expect(a[1].int64Value == -2500)
        #expect(a[2].boolValue == true)
        #expect(a[3].boolValue == false)
        #expect(a[5].stringValue == "x")
        #expect(root["b"]?.kind == .object)
        #expect(root["c"]?.count == 0)
        #expect(root["missing"] == nil)
        #expect(root.members.map(\.key) == ["a", "b", "c"])
    }

    @Test("Escapes decode, including surrogate pairs; lone surrogates become U+FFFD", arguments: [
        (#""a\"b\\c\/d\n\t\r\b\f""#, "a\"b\\c/d\n\t\r\u{08}\u{0C}"),
        (#""caf\u00e9 \u4e2d\u5174""#, "café 中兴"),
        (#""\ud83c\udf89 party""#, "🎉 party"),
        (#""bad \ud83c end""#, "bad \u{FFFD} end"),
        (#""\udf89""#, "\u{FFFD}"),
        (#""raw 好消息 🎉""#, "raw 好消息 🎉"),
        (#""a long string without escapes that spans several eight-byte words""#, "a long string without escapes that spans several eight-byte words"),
        (#""<p>a long body <a href=\"https://x.example/1\">link<\/a> and more text\n\u00e9 after\\ it</p>""#,
         "<p>a long body <a href=\"https://x.example/1\">link</a> and more text\n\u{E9} after\\ it</p>"),
        (#""1234567\"12345678\\1234567\n""#, "1234567\"12345678\\1234567\n"),
    ])
    func escapes(json: String, expected: String) throws {
        #expect(try JSONReader.parse(Array(json.utf8)).root.stringValue == expected)
    }

    @Test("Member names with escapes still match")
    func escapedKeys() throws {
        let doc = try JSONReader.parse(Array(#"{"\u0074ext": "hi", "$type": "t"}"#.utf8))
        #expect(doc.root["text"]?.stringValue == "hi")
        #expect(doc.root["$type"]?.stringValue == "t")
    }

    @Test("Large integers keep their exact text and never pass through Double")
    func bigIntegers() throws {
        let doc = try JSONReader.parse(Array(#"{"id": 1900511234567890123, "big": 123456789012345678901234}"#.utf8))
        #expect(try doc.root.idString("id") == "1900511234567890123")
        #expect(doc.root["id"]?.int64Value == 1_900_511_234_567_890_123)
        #expect(doc.root["big"]?.int64Value == nil)
        #expect(doc.root["big"]?.numberText == "123456789012345678901234")
    }

    @Test("A UTF-8 byte order mark is skipped")
    func byteOrderMark() throws {
        #expect(try JSONReader.parse([0xEF, 0xBB, 0xBF] + Array("[1]".utf8)).root.count == 1)
    }

    @Test("Malformed documents fail with the reason and position", arguments: [
        ("", "empty document", 1, 1),
        ("[1, 2", "unexpected end of input", 1, 6),
        ("{\"a\": 1,}", "expected a member name", 1, 9),
        ("[1,]", "unexpected character ']'", 1, 4),
        ("{\"a\" 1}", "expected ':'", 1, 6),
        ("{\"a\": 1 \"b\": 2}", "expected ',' or '}'", 1, 9),
        ("[01]", "leading zeros", 1, 3),
        ("[1.]", "decimal point", 1, 4),
        ("[1e]", "exponent", 1, 4),
        ("[-]", "a digit must follow '-'", 1, 3),
        ("[tru]", "unknown literal", 1, 2),
        ("[nul", "unknown literal", 1, 2),
        ("\"abc", "unterminated string", 1, 5),
        ("\"a\tb\"", "control character", 1, 3),
        ("\"\\x\"", "bad escape", 1, 3),
        ("\"\\u12G4\"", "bad \\u escape", 1, 3),
        ("[1]\n[2]", "unexpected data after", 2, 1),
        ("{\n  \"a\": [1,\n    oops]\n}", "unexpected character 'o'", 3, 5),
        ("<html>", "unexpected character '<'", 1, 1),
    ])
    func malformed(json: String, reason: String, line: Int, column: Int) throws {
        let error = try #require(throws: JSONSyntaxError.self) { try JSONReader.parse(Array(json.utf8)) }
        #expect(error.reason.contains(reason), "\(error.reason)")
        #expect(error.line == line)
        #expect(error.column == column)
        #expect(error.description.hasPrefix("malformed JSON at line \(line), column \(column): "))
    }

    @Test("Nesting deeper than the limit is rejected, not a stack overflow")
    func depthLimit() throws {
        let deep = String(repeating: "[", count: JSONReader.maxDepth + 1) + String(repeating: "]", count: JSONReader.maxDepth + 1)
        let error = try #require(throws: JSONSyntaxError.self) { try JSONReader.parse(Array(deep.utf8)) }
        #expect(error.reason.contains("nesting deeper"))
        let ok = String(repeating: "[", count: JSONReader.maxDepth) + String(repeating: "]", count: JSONReader.maxDepth)
        #expect(try JSONReader.parse(Array(ok.utf8)).root.kind == .array)
    }

    @Test("Type errors name the value's path")
    func typeErrorPaths() throws {
        let doc = try JSONReader.parse(Array(#"{"feed": [{"post": {}}, {"post": {"record": {"text": 42}}}]}"#.utf8))
        let second = try #require(try doc.root.array("feed")?[1])
        let record = try #require(try second.object("post")?.object("record"))
        let error = try #require(throws: JSONTypeError.self) { try record.string("text") }
        #expect(error.path == "feed[1].post.record.text")
        #expect(error.description == "unexpected type at feed[1].post.record.text (expected string, found number)")
        let missing = try #require(throws: JSONTypeError.self) { try record.requiredString("uri") }
        #expect(missing.description == "missing string at feed[1].post.record.uri")
        let top = try JSONReader.parse(Array("[{\"a\": [true]}]".utf8)).root
        let inner = try #require(try top.elements[0].array("a")?[0])
        #expect(inner.path == "[0].a[0]")
    }

    @Test("Optional accessors treat null and absence alike and reject other types")
    func optionalAccessors() throws {
        let doc = try JSONReader.parse(Array(#"{"n": null, "s": "x", "i": 3, "f": 1.5, "b": true, "o": {}, "a": [1]}"#.utf8)).root
        #expect(try doc.string("n") == nil)
        #expect(try doc.string("absent") == nil)
        #expect(try doc.int("i") == 3)
        #expect(try doc.double("f") == 1.5)
        #expect(try doc.bool("b") == true)
        #expect(try doc.object("o") != nil)
        #expect(try doc.array("a")?.count == 1)
        #expect(throws: JSONTypeError.self) { try doc.int("f") }
        #expect(throws: JSONTypeError.self) { try doc.string("i") }
        #expect(throws: JSONTypeError.self) { try doc.bool("s") }
        #expect(throws: JSONTypeError.self) { try doc.object("a") }
        #expect(throws: JSONTypeError.self) { try doc.array("o") }
        #expect(throws: JSONTypeError.self) { try doc.idString("b") }
    }
}

@Suite("JSON one-pass field lookup")
struct JSONFieldsTests {
    static let keys = JSONKeys(["id", "text", "count", "user", "tags", "absent"])

    @Test("Finds every key in one pass, escaped names included, and reports absence as nil")
    func findsKeys() throws {
        let doc = try JSONReader.parse(Array(#"{"count": 3, "t\u0065xt": "hi", "id": "7", "nested": {"id": "no"}, "user": {"n": 1}, "tags": ["a"], "x": null}"#.utf8))
        let fields = doc.root.fields(Self.keys)
        #expect(try fields.requiredString(0) == "7")
        #expect(try fields.string(1) == "hi")
        #expect(try fields.int(2) == 3)
        #expect(try fields.object(3)?.int("n") == 1)
        #expect(try fields.array(4)?.count == 1)
        #expect(fields[5] == nil)
        #expect(try fields.string(5) == nil)
    }

    @Test("Type errors and missing required members name the path")
    func errors() throws {
        let doc = try JSONReader.parse(Array(#"[{"id": 5, "text": {}, "count": "x", "user": [], "tags": {}}]"#.utf8))
        let fields = doc.root.elements[0].fields(Self.keys)
        #expect(throws: JSONTypeError(path: "[0].id", expected: "string", found: "number")) { try fields.string(0) }
        #expect(throws: JSONTypeError(path: "[0].count", expected: "integer", found: "string")) { try fields.int(2) }
        #expect(throws: JSONTypeError(path: "[0].user", expected: "object", found: "array")) { try fields.object(3) }
        #expect(throws: JSONTypeError(path: "[0].tags", expected: "array", found: "object")) { try fields.array(4) }
        #expect(throws: JSONTypeError(path: "[0].absent", expected: "string", found: nil)) { try fields.requiredString(5) }
        #expect(doc.root.fields(Self.keys)[0] == nil, "an array has no members")
    }
}
