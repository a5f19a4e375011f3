#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A forward-only reader over one JSON text in a byte buffer, for the few fields a report needs
/// from each NDJSON line: it hands back strings as byte ranges (decoded only when an item is
/// kept for display) and skips everything else without building values. A report over a
/// million lines spends most of its time here, so strings are skipped with `memchr` (see
/// `scripts/bench.d/report`). Every method returns nil (or false) on malformed input and never
/// reads outside the buffer.
struct JSONCursor {
    let bytes: UnsafeBufferPointer<UInt8>
    var at = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// The next non-blank byte (not consumed), or nil at the end.
    mutating func peek() -> UInt8? {
        while at < bytes.count {
            let b = bytes[at]
            if b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { at += 1 } else { return b }
        }
        return nil
    }

    /// Consumes `byte` (after blanks) when it is next.
    mutating func take(_ byte: UInt8) -> Bool {
        guard peek() == byte else { return false }
        at += 1
        return true
    }

    /// Consumes `null` when it is next.
    mutating func takeNull() -> Bool {
        guard peek() == UInt8(ascii: "n"), at + 4 <= bytes.count, bytes[at + 1] == 0x75, bytes[at + 2] == 0x6C, bytes[at + 3] == 0x6C else {
            return false
        }
        at += 4
        return true
    }

    /// A string's raw bytes between its quotes (escapes not decoded), or nil when the next value
    /// is not a string.
    mutating func string() -> JSONStringRange? {
        guard take(UInt8(ascii: "\"")), let base = bytes.baseAddress else { return nil }
        let start = at
        var escaped = false
        while at < bytes.count {
            guard let hit = memchr(base + at, 0x22, bytes.count - at) else { return nil }
            let quote = UnsafeRawPointer(hit).assumingMemoryBound(to: UInt8.self) - base
            // The quote closes the string unless an odd run of backslashes precedes it.
            var slashes = 0
            while quote - slashes - 1 >= start, bytes[quote - slashes - 1] == 0x5C { slashes += 1 }
            if slashes > 0 { escaped = true }
            at = quote + 1
            if slashes % 2 == 0 { return JSONStringRange(start: start, end: quote, escaped: escaped) }
        }
        return nil
    }

    /// Reads the next value into `value` when it is a number, sets nil for null or any other
    /// kind of value (which is skipped); false only when the value is malformed.
    mutating func numberValue(into value: inout Double?) -> Bool {
        if let n = number() { value = n; return true }
        value = nil
        return skipValue()
    }

    /// A number, or nil (nothing consumed) when the next value is not one.
    mutating func number() -> Double? {
        guard let first = peek(), first == UInt8(ascii: "-") || (first >= 0x30 && first <= 0x39) else { return nil }
        // Integers, the common case, without strtod.
        var i = at
        var negative = false
        if bytes[i] == UInt8(ascii: "-") { negative = true; i += 1 }
        var value: Int64 = 0
        var digits = 0
        while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39, digits < 18 {
            value = value * 10 + Int64(bytes[i] - 0x30)
            i += 1
            digits += 1
        }
        let end = scanNumberEnd(from: i)
        if end == i, digits > 0 {
            at = i
            return Double(negative ? -value : value)
        }
        return decimal(upTo: end)
    }

    /// The end of the number characters starting at `from`.
    private func scanNumberEnd(from: Int) -> Int {
        var i = from
        while i < bytes.count {
            switch bytes[i] {
            case 0x30...0x39, UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"), UInt8(ascii: "+"), UInt8(ascii: "-"): i += 1
            default: return i
            }
        }
        return i
    }

    /// A number with a fraction or exponent, through `strtod` on a small stack copy.
    private mutating func decimal(upTo end: Int) -> Double? {
        let length = end - at
        guard length > 0, length < 64 else { return nil }
        let value: Double? = withUnsafeTemporaryAllocation(of: CChar.self, capacity: length + 1) { text in
            guard let start = text.baseAddress else { return nil }
            for k in 0..<length { text[k] = CChar(bitPattern: bytes[at + k]) }
            text[length] = 0
            var stop: UnsafeMutablePointer<CChar>?
            let v = strtod(start, &stop)
            return stop == start + length ? v : nil
        }
        at = end
        return value
    }

    /// Skips one value of any kind; false when it is malformed.
    mutating func skipValue() -> Bool {
        guard let b = peek() else { return false }
        switch b {
        case UInt8(ascii: "\""):
            return string() != nil
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            return skipContainer()
        case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
            while at < bytes.count, bytes[at] >= UInt8(ascii: "a"), bytes[at] <= UInt8(ascii: "z") { at += 1 }
            return true
        default:
            let end = scanNumberEnd(from: at)
            guard end > at else { return false }
            at = end
            return true
        }
    }

    /// Skips an object or array by counting brackets outside strings.
    private mutating func skipContainer() -> Bool {
        var depth = 0
        while let b = peek() {
            switch b {
            case UInt8(ascii: "\""):
                guard string() != nil else { return false }
                continue
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
            default: break
            }
            at += 1
            if depth == 0 { return true }
        }
        return false
    }

    /// Walks the members of the object that starts here, calling `member` with each key; the
    /// callback must consume the value (read it or call ``skipValue()``) and return false to stop
    /// on malformed input. False when the object is malformed.
    mutating func object(_ member: (inout JSONCursor, JSONStringRange) -> Bool) -> Bool {
        guard take(UInt8(ascii: "{")) else { return false }
        if take(UInt8(ascii: "}")) { return true }
        while true {
            guard let key = string(), take(UInt8(ascii: ":")), member(&self, key) else { return false }
            if take(UInt8(ascii: ",")) { continue }
            return take(UInt8(ascii: "}"))
        }
    }

    /// Walks the elements of the array that starts here (same contract as ``object(_:)``).
    mutating func array(_ element: (inout JSONCursor) -> Bool) -> Bool {
        guard take(UInt8(ascii: "[")) else { return false }
        if take(UInt8(ascii: "]")) { return true }
        while true {
            guard element(&self) else { return false }
            if take(UInt8(ascii: ",")) { continue }
            return take(UInt8(ascii: "]"))
        }
    }

    /// True when the raw key bytes are exactly `name` (keys in Chorus output never need escapes).
    func key(_ key: JSONStringRange, is name: StaticString) -> Bool {
        guard key.end - key.start == name.utf8CodeUnitCount, let base = bytes.baseAddress else { return false }
        return memcmp(base + key.start, name.utf8Start, name.utf8CodeUnitCount) == 0
    }
}
