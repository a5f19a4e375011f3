/// Makes Strings from UTF-8 bytes with one validation pass that skips ASCII eight bytes at a
/// time, then builds the String without validating again. `String(decoding:as:)` checks every
/// byte of any text holding one non-ASCII character (a `…` in a feed body is enough) in a loop
/// of about ten instructions a byte: on the benchmark feed that was 5% of all instructions
/// (callgrind, first 8 MB), for bytes libxml2 had already checked. Bytes that are not valid
/// UTF-8 go through `String(decoding:as:)` as before, so the result is always the same String.
enum UTF8StringDecoder {
    /// The String for `bytes`, invalid sequences replaced by U+FFFD as `String(decoding:as:)` does.
    static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard let ascii = validate(bytes) else { return String(decoding: bytes, as: UTF8.self) }
        return uncheckedString(bytes, isASCII: ascii)
    }

    /// Whether `bytes` are valid UTF-8 (nil when not), and if so whether all are ASCII. The
    /// rules are the Unicode standard's (table 3-7): no overlong forms, no surrogates, nothing
    /// above U+10FFFF, which are also the standard library's.
    static func validate(_ b: UnsafeBufferPointer<UInt8>) -> Bool? {
        guard let base = b.baseAddress else { return true }
        let n = b.count
        var i = 0
        var ascii = true
        while i < n {
            if i + 8 <= n, UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i += 8
                continue
            }
            let c = base[i]
            if c < 0x80 {
                i += 1
                continue
            }
            ascii = false
            let length: Int
            var low: UInt8 = 0x80, high: UInt8 = 0xBF
            switch c {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return nil
            }
            guard i + length <= n, base[i + 1] >= low, base[i + 1] <= high else { return nil }
            for k in 2..<length where base[i + k] & 0xC0 != 0x80 { return nil }
            i += length
        }
        return ascii
    }
}

/// The standard library's String initializer for bytes already known to be valid UTF-8
/// (`String._uncheckedFromUTF8(_:isASCII:)`, `@usableFromInline`, so its symbol is part of the
/// library's interface and exported). Only ``UTF8StringDecoder/string(_:)`` calls it, and only
/// after its own validation; `isASCII` must be exact. A change of its signature changes the
/// mangled name, so the link fails rather than the call.
@_silgen_name("$sSS18_uncheckedFromUTF8_7isASCIISSSRys5UInt8VG_SbtFZ")
private func uncheckedString(_ bytes: UnsafeBufferPointer<UInt8>, isASCII: Bool) -> String
