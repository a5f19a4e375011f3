/// A strict RFC 8259 JSON reader that builds a ``JSONDocument`` tape in one pass over the
/// bytes: no value is materialized until asked for, strings are decoded only when read.
/// Made for throughput on large API responses; nesting is capped at ``maxDepth``.
public struct JSONReader {
    /// Deepest nesting accepted; deeper documents are rejected rather than risking the stack.
    public static let maxDepth = 512
    /// The reason given when a complete value is followed by more (as in JSON Lines).
    static let trailingData = "unexpected data after the top-level value"

    private let base: UnsafePointer<UInt8>
    private let count: Int
    private var pos = 0
    private var nodes: [JSONNode] = []

    private init(base: UnsafePointer<UInt8>, count: Int) {
        self.base = base
        self.count = count
    }

    /// Parses a whole document (surrounding whitespace allowed, a UTF-8 BOM skipped).
    public static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONDocument {
        guard bytes.count < Int(UInt32.max) else {
            throw JSONSyntaxError(offset: 0, line: 1, column: 1, reason: "document larger than 4 GiB")
        }
        let result: Result<[JSONNode], JSONSyntaxError> = bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, !buffer.isEmpty else {
                return .failure(JSONSyntaxError(offset: 0, line: 1, column: 1, reason: "empty document"))
            }
            var reader = JSONReader(base: base, count: buffer.count)
            reader.nodes.reserveCapacity(max(16, buffer.count / 12))
            if buffer.count >= 3, base[0] == 0xEF, base[1] == 0xBB, base[2] == 0xBF { reader.pos = 3 }
            do throws(JSONSyntaxError) {
                reader.skipSpace()
                try reader.value(parent: JSONNode.noParent, depth: 0)
                reader.skipSpace()
                if reader.pos < reader.count { throw reader.error(Self.trailingData) }
                return .success(reader.nodes)
            } catch {
                return .failure(error)
            }
        }
        return JSONDocument(bytes: bytes, nodes: try result.get())
    }

    // MARK: values

    private mutating func value(parent: UInt32, depth: Int) throws(JSONSyntaxError) {
        guard pos < count else { throw error("unexpected end of input, expected a value") }
        switch base[pos] {
        case UInt8(ascii: "\""): try string(parent: parent)
        case UInt8(ascii: "{"): try object(parent: parent, depth: depth + 1)
        case UInt8(ascii: "["): try array(parent: parent, depth: depth + 1)
        case UInt8(ascii: "t"): try literal("true", kind: .bool, flag: 1, parent: parent)
        case UInt8(ascii: "f"): try literal("false", kind: .bool, flag: 0, parent: parent)
        case UInt8(ascii: "n"): try literal("null", kind: .null, flag: 0, parent: parent)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number(parent: parent)
        default: throw error("unexpected character \(describe(base[pos])), expected a value")
        }
    }

    private mutating func object(parent: UInt32, depth: Int) throws(JSONSyntaxError) {
        guard depth <= Self.maxDepth else { throw error("nesting deeper than \(Self.maxDepth) levels") }
        let me = nodes.count
        nodes.append(JSONNode(kind: .object, flag: 0, start: UInt32(pos), end: 0, count: 0, parent: parent))
        pos += 1
        skipSpace()
        var members: UInt32 = 0
        if pos < count, base[pos] == UInt8(ascii: "}") {
            pos += 1
        } else {
            while true {
                guard pos < count, base[pos] == UInt8(ascii: "\"") else { throw error("expected a member name in quotes") }
                try string(parent: UInt32(me))
                skipSpace()
                guard pos < count, base[pos] == UInt8(ascii: ":") else { throw error("expected ':' after a member name") }
                pos += 1
                skipSpace()
                try value(parent: UInt32(me), depth: depth)
                members += 1
                skipSpace()
                guard pos < count else { throw error("unexpected end of input, expected ',' or '}'") }
                if base[pos] == UInt8(ascii: ",") {
                    pos += 1
                    skipSpace()
                    continue
                }
                if base[pos] == UInt8(ascii: "}") {
                    pos += 1
                    break
                }
                throw error("expected ',' or '}' after a member, found \(describe(base[pos]))")
            }
        }
        nodes[me].end = UInt32(nodes.count)
        nodes[me].count = members
    }

    private mutating func array(parent: UInt32, depth: Int) throws(JSONSyntaxError) {
        guard depth <= Self.maxDepth else { throw error("nesting deeper than \(Self.maxDepth) levels") }
        let me = nodes.count
        nodes.append(JSONNode(kind: .array, flag: 0, start: UInt32(pos), end: 0, count: 0, parent: parent))
        pos += 1
        skipSpace()
        var elements: UInt32 = 0
        if pos < count, base[pos] == UInt8(ascii: "]") {
            pos += 1
        } else {
            while true {
                try value(parent: UInt32(me), depth: depth)
                elements += 1
                skipSpace()
                guard pos < count else { throw error("unexpected end of input, expected ',' or ']'") }
                if base[pos] == UInt8(ascii: ",") {
                    pos += 1
                    skipSpace()
                    continue
                }
                if base[pos] == UInt8(ascii: "]") {
                    pos += 1
                    break
                }
                throw error("expected ',' or ']' after an element, found \(describe(base[pos]))")
            }
        }
        nodes[me].end = UInt32(nodes.count)
        nodes[me].count = elements
    }

    private mutating func string(parent: UInt32) throws(JSONSyntaxError) {
        pos += 1
        let start = pos
        var escaped: UInt8 = 0
        let quotes: UInt64 = 0x2222_2222_2222_2222
        let slashes: UInt64 = 0x5C5C_5C5C_5C5C_5C5C
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        while true {
            // Eight bytes at a time while none is a quote, a backslash or a control character.
            while pos + 8 <= count {
                let word = UInt64(littleEndian: UnsafeRawPointer(base + pos).loadUnaligned(as: UInt64.self))
                let q = word ^ quotes
                let s = word ^ slashes
                let special = ((q &- ones) & ~q) | ((s &- ones) & ~s) | ((word &- ones &* 0x20) & ~word)
                if special & highs != 0 { break }
                pos += 8
            }
            guard pos < count else { throw error("unterminated string") }
            let byte = base[pos]
            if byte == UInt8(ascii: "\"") { break }
            if byte == UInt8(ascii: "\\") {
                escaped = 1
                guard pos + 1 < count else { throw error("unterminated string") }
                switch base[pos + 1] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                    UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    pos += 2
                case UInt8(ascii: "u"):
                    guard pos + 6 <= count, (2..<6).allSatisfy({ Self.hexValue(base[pos + $0]) != nil }) else {
                        pos += 1
                        throw error("bad \\u escape: four hex digits expected")
                    }
                    pos += 6
                default:
                    pos += 1
                    throw error("bad escape \\\(describe(base[pos]))")
                }
                continue
            }
            if byte < 0x20 { throw error("control character \(describe(byte)) in a string (must be escaped)") }
            pos += 1
        }
        nodes.append(JSONNode(kind: .string, flag: escaped, start: UInt32(start), end: UInt32(pos), count: 0, parent: parent))
        pos += 1
    }

    private mutating func number(parent: UInt32) throws(JSONSyntaxError) {
        let start = pos
        var integer: UInt8 = 1
        if base[pos] == UInt8(ascii: "-") { pos += 1 }
        guard pos < count, isDigit(base[pos]) else { throw error("a digit must follow '-'") }
        if base[pos] == UInt8(ascii: "0") {
            pos += 1
            if pos < count, isDigit(base[pos]) { throw error("leading zeros are not allowed in numbers") }
        } else {
            while pos < count, isDigit(base[pos]) { pos += 1 }
        }
        if pos < count, base[pos] == UInt8(ascii: ".") {
            integer = 0
            pos += 1
            guard pos < count, isDigit(base[pos]) else { throw error("a digit must follow the decimal point") }
            while pos < count, isDigit(base[pos]) { pos += 1 }
        }
        if pos < count, base[pos] | 0x20 == UInt8(ascii: "e") {
            integer = 0
            pos += 1
            if pos < count, base[pos] == UInt8(ascii: "+") || base[pos] == UInt8(ascii: "-") { pos += 1 }
            guard pos < count, isDigit(base[pos]) else { throw error("a digit must follow the exponent") }
            while pos < count, isDigit(base[pos]) { pos += 1 }
        }
        nodes.append(JSONNode(kind: .number, flag: integer, start: UInt32(start), end: UInt32(pos), count: 0, parent: parent))
    }

    private mutating func literal(_ word: StaticString, kind: JSONKind, flag: UInt8, parent: UInt32) throws(JSONSyntaxError) {
        let length = word.utf8CodeUnitCount
        let text = word.utf8Start
        guard pos + length <= count, (0..<length).allSatisfy({ base[pos + $0] == text[$0] }) else {
            throw error("unknown literal, expected \(word)")
        }
        nodes.append(JSONNode(kind: kind, flag: flag, start: UInt32(pos), end: UInt32(pos + length), count: 0, parent: parent))
        pos += length
    }

    // MARK: helpers

    @inline(__always) private mutating func skipSpace() {
        while pos < count {
            let b = base[pos]
            guard b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 else { return }
            pos += 1
        }
    }

    @inline(__always) private func isDigit(_ b: UInt8) -> Bool { b &- UInt8(ascii: "0") < 10 }

    static func hexValue(_ b: UInt8) -> UInt32? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(b - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(b - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(b - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    private func describe(_ b: UInt8) -> String {
        b >= 0x20 && b < 0x7F ? "'\(Character(Unicode.Scalar(b)))'" : "byte 0x\(String(b, radix: 16, uppercase: true))"
    }

    private func error(_ reason: String) -> JSONSyntaxError {
        let at = min(pos, count)
        var line = 1
        var lineStart = 0
        for i in 0..<at where base[i] == 0x0A {
            line += 1
            lineStart = i + 1
        }
        return JSONSyntaxError(offset: at, line: line, column: at - lineStart + 1, reason: reason)
    }
}
