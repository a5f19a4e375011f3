public import Foundation
import ChorusModel

/// Appends compact JSON tokens to a byte buffer. Strings are escaped per RFC 8259 and
/// invalid UTF-8 cannot occur (Swift strings are valid Unicode); doubles are written with a
/// fixed number of decimals so output is byte-stable across platforms.
public struct JSONWriter: Sendable {
    /// The bytes written so far.
    public var bytes: [UInt8]

    public init(capacity: Int = 4096) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    @inline(__always) public mutating func raw(_ byte: UInt8) { bytes.append(byte) }
    @inline(__always) public mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// `"key":` — keys are ASCII literals chosen by Chorus, written without escaping.
    @inline(__always) public mutating func key(_ name: StaticString, first: Bool = false) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        bytes.append(UInt8(ascii: "\""))
        raw(name)
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
    }

    public mutating func null() { raw("null") }
    public mutating func bool(_ value: Bool) { value ? raw("true") : raw("false") }

    public mutating func int(_ value: Int64) {
        if value == 0 { bytes.append(48); return }
        var v = value.magnitude
        var tmp: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                  UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = 0
        withUnsafeMutableBytes(of: &tmp) { buf in
            while v > 0 {
                buf[n] = 48 + UInt8(v % 10)
                v /= 10
                n += 1
            }
        }
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        withUnsafeBytes(of: &tmp) { buf in
            for i in stride(from: n - 1, through: 0, by: -1) { bytes.append(buf[i]) }
        }
    }

    public mutating func int(_ value: Int64?) { if let value { int(value) } else { null() } }

    /// A finite double with exactly `places` decimals (non-finite values become null).
    public mutating func fixed(_ value: Double, places: Int = 4) {
        guard value.isFinite else { null(); return }
        var scale: Double = 1
        for _ in 0..<places { scale *= 10 }
        let scaled = Int64((abs(value) * scale).rounded())
        if value < 0 && scaled != 0 { bytes.append(UInt8(ascii: "-")) }
        int(scaled / Int64(scale))
        if places > 0 {
            bytes.append(UInt8(ascii: "."))
            var frac = scaled % Int64(scale)
            // The digits on the stack (this runs four times per sentiment object).
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: places) { digits in
                for i in stride(from: places - 1, through: 0, by: -1) {
                    digits[i] = 48 + UInt8(frac % 10)
                    frac /= 10
                }
                bytes.append(contentsOf: UnsafeBufferPointer(digits))
            }
        }
    }

    /// `value` as a JSON string (or null), escaped by ``JSONLineBuffer/string(_:)``, the one
    /// implementation of the escaping scan.
    public mutating func string(_ value: String?) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: JSONLineBuffer.bound(value)) { scratch in
            var line = JSONLineBuffer(scratch.baseAddress!)
            line.string(value)
            bytes.append(contentsOf: line.written)
        }
    }

    /// Writes the escape sequence for `c` (`"`, `\\` or a control character) at `out`: two
    /// bytes (`\\n`) or six (`\\u001f`); returns how many.
    @inline(__always) static func escape(_ c: UInt8, into out: UnsafeMutablePointer<UInt8>) -> Int {
        out[0] = UInt8(ascii: "\\")
        switch c {
        case 0x22: out[1] = 0x22
        case 0x5C: out[1] = 0x5C
        case 0x0A: out[1] = UInt8(ascii: "n")
        case 0x0D: out[1] = UInt8(ascii: "r")
        case 0x09: out[1] = UInt8(ascii: "t")
        case 0x08: out[1] = UInt8(ascii: "b")
        case 0x0C: out[1] = UInt8(ascii: "f")
        default:
            let hex: StaticString = "0123456789abcdef"
            out[1] = UInt8(ascii: "u"); out[2] = 48; out[3] = 48
            out[4] = hex.utf8Start[Int(c >> 4)]
            out[5] = hex.utf8Start[Int(c & 0xF)]
            return 6
        }
        return 2
    }

    /// A mask with the high bit set in the first byte of `word` (little-endian order) that JSON
    /// must escape (a control character, `"` or `\\`), and possibly in later bytes; 0 when none.
    @inline(__always) static func needsEscape(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        let control = (word &- ones &* 0x20) & ~word & highs
        let q = word ^ (ones &* 0x22), b = word ^ (ones &* 0x5C)
        return control | ((q &- ones) & ~q & highs) | ((b &- ones) & ~b & highs)
    }

    /// `"2018-05-14T09:30:00Z"`: the same text as ``RFC3339/format(_:)``, written straight into
    /// the buffer (no intermediate arrays; this runs three times per item).
    public mutating func date(_ value: Date?) {
        guard let value, let writable = RFC3339.supported(value) else { null(); return }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 22) { t in
            t[0] = 34
            RFC3339.write(writable, to: UnsafeMutableBufferPointer(rebasing: t[1..<21]))
            t[21] = 34
            bytes.append(contentsOf: UnsafeBufferPointer(t))
        }
    }

    public mutating func strings(_ values: [String]) {
        bytes.append(UInt8(ascii: "["))
        for (i, v) in values.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            string(v)
        }
        bytes.append(UInt8(ascii: "]"))
    }
}
