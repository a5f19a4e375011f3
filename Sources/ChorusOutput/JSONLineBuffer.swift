import Foundation
import ChorusModel

/// Writes the JSON tokens of one NDJSON line straight into memory the caller sized with
/// ``bound(_:)``: the same bytes as ``JSONWriter``'s methods, without an Array append (and
/// its uniqueness and capacity checks) per token. ``ItemEncoder`` builds each item here and
/// appends the finished line to its ``JSONWriter`` in one copy.
struct JSONLineBuffer {
    private let base: UnsafeMutablePointer<UInt8>
    /// Bytes written so far.
    private(set) var count = 0

    init(_ base: UnsafeMutablePointer<UInt8>) {
        self.base = base
    }

    /// The most bytes ``string(_:)`` writes for `value`: every byte escaped as `\u00XX`, two
    /// quotes, or `null`.
    @inline(__always) static func bound(_ value: String?) -> Int { 6 * (value?.utf8.count ?? 0) + 4 }

    /// The bytes written, for appending to a ``JSONWriter``.
    var written: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    @inline(__always) mutating func byte(_ b: UInt8) {
        base[count] = b
        count += 1
    }

    /// A literal such as `,"title":`.
    @inline(__always) mutating func raw(_ text: StaticString) {
        (base + count).update(from: text.utf8Start, count: text.utf8CodeUnitCount)
        count += text.utf8CodeUnitCount
    }

    mutating func null() { raw("null") }

    /// `value` quoted and escaped. Eight bytes a step: each word is stored whole and `count`
    /// advances past its bytes up to the first one to escape (the bytes stored beyond are
    /// overwritten next). No store reaches past ``bound(_:)``: at most `1 + 6 * i` bytes are
    /// written when `i` bytes are read, so eight more fit while one byte is left to read.
    mutating func string(_ value: String?) {
        guard var value else { null(); return }
        byte(0x22)
        value.withUTF8 { utf8 in
            guard let src = utf8.baseAddress else { return }
            let n = utf8.count
            var i = 0
            while i &+ 8 <= n {
                let word = UInt64(littleEndian: UnsafeRawPointer(src + i).loadUnaligned(as: UInt64.self))
                store(word)
                let special = JSONWriter.needsEscape(word)
                if special == 0 {
                    count &+= 8
                    i &+= 8
                    continue
                }
                let run = special.trailingZeroBitCount >> 3
                count &+= run
                i &+= run
                count &+= JSONWriter.escape(src[i], into: base + count)
                i &+= 1
            }
            let left = n &- i
            guard left > 0 else { return }
            // The last one to seven bytes: the string's last eight shifted so that the unread
            // ones come first (or, for a shorter string, its bytes gathered one by one).
            var word: UInt64 = 0
            if n >= 8 {
                word = UInt64(littleEndian: UnsafeRawPointer(src + n - 8).loadUnaligned(as: UInt64.self)) >> UInt64((8 &- left) &* 8)
            } else {
                for k in 0..<n { word |= UInt64(src[k]) << UInt64(k &* 8) }
            }
            tail(word, left)
        }
        byte(0x22)
    }

    /// Writes the `left` (1…7) low-order bytes of `word`, escaped. The zero bytes above them
    /// would read as control characters: the escape mask is cut to the `left` bytes (a false
    /// mark only ever follows a true one, so the marks below are exact).
    @inline(__always) private mutating func tail(_ word: UInt64, _ left: Int) {
        var word = word, left = left
        while left > 0 {
            store(word)
            let special = JSONWriter.needsEscape(word) & ((1 &<< UInt64(left &* 8)) &- 1)
            if special == 0 {
                count &+= left
                return
            }
            let run = special.trailingZeroBitCount >> 3
            count &+= run
            count &+= JSONWriter.escape(UInt8(truncatingIfNeeded: word >> UInt64(run &* 8)), into: base + count)
            word = word >> UInt64((run &+ 1) &* 8)
            left &-= run &+ 1
        }
    }

    @inline(__always) private func store(_ word: UInt64) {
        UnsafeMutableRawPointer(base + count).storeBytes(of: word.littleEndian, as: UInt64.self)
    }

    mutating func int(_ value: Int64?) {
        guard let value else { null(); return }
        if value == 0 { byte(48); return }
        if value < 0 { byte(UInt8(ascii: "-")) }
        var v = value.magnitude
        var digits = 0
        var probe = v
        while probe > 0 { digits += 1; probe /= 10 }
        for k in stride(from: digits - 1, through: 0, by: -1) {
            base[count + k] = 48 + UInt8(v % 10)
            v /= 10
        }
        count += digits
    }

    /// `"2018-05-14T09:30:00Z"` (22 bytes), or null for an instant RFC 3339 cannot write.
    mutating func date(_ value: Date?) {
        guard let value, let writable = RFC3339.supported(value) else { null(); return }
        byte(0x22)
        RFC3339.write(writable, to: UnsafeMutableBufferPointer(start: base + count, count: 20))
        count += 20
        byte(0x22)
    }

    mutating func strings(_ values: [String]) {
        byte(UInt8(ascii: "["))
        for (i, v) in values.enumerated() {
            if i > 0 { byte(UInt8(ascii: ",")) }
            string(v)
        }
        byte(UInt8(ascii: "]"))
    }
}
