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

    mutating func string(_ value: String?) {
        guard var value else { null(); return }
        byte(0x22)
        value.withUTF8 { utf8 in
            guard let src = utf8.baseAddress else { return }
            let n = utf8.count
            var start = 0
            var i = 0
            while i < n {
                if i + 8 <= n {
                    let special = JSONWriter.needsEscape(UInt64(littleEndian: UnsafeRawPointer(src + i).loadUnaligned(as: UInt64.self)))
                    if special == 0 {
                        i += 8
                        continue
                    }
                    i += special.trailingZeroBitCount >> 3
                }
                let c = src[i]
                i += 1
                if c >= 0x20 && c != 0x22 && c != 0x5C { continue }
                copy(src + start, i - 1 - start)
                start = i
                count += JSONWriter.escape(c, into: base + count)
            }
            copy(src + start, n - start)
        }
        byte(0x22)
    }

    @inline(__always) private mutating func copy(_ from: UnsafePointer<UInt8>, _ length: Int) {
        guard length > 0 else { return }
        (base + count).update(from: from, count: length)
        count += length
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
