import ChorusModel

/// Decides how to read a document from its first significant byte (after a UTF-8 BOM and
/// blanks): a byte that starts a JSON value (RFC 8259: `{`, `[`, `"`, `-`, a digit, or the
/// `t`/`f`/`n` of `true`/`false`/`null`) is JSON, anything else (`<`, UTF-16 with a BOM,
/// stray text) is XML. Never looks at file names or substrings.
enum FormatSniffer {
    /// Platforms whose documents are XML feeds.
    static let xmlPlatforms: Set<Platform> = [.rss, .atom, .rdf]

    /// True when `first` (a document's first significant byte) starts a JSON value.
    static func startsJSON(_ first: UInt8) -> Bool {
        switch first {
        case UInt8(ascii: "{"), UInt8(ascii: "["), UInt8(ascii: "\""), UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
            return true
        default:
            return false
        }
    }

    /// The first byte that is not a UTF-8 BOM or blank, or nil when there is none yet.
    static func firstSignificantByte(_ b: [UInt8]) -> UInt8? {
        b.withUnsafeBytes { firstSignificantByte($0) }
    }

    /// The same, over raw bytes.
    static func firstSignificantByte(_ b: UnsafeRawBufferPointer) -> UInt8? {
        var i = 0
        if b.count >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF { i = 3 }
        if b.count >= 2, (b[0] == 0xFE && b[1] == 0xFF) || (b[0] == 0xFF && b[1] == 0xFE) { return UInt8(ascii: "<") }
        while i < b.count {
            let c = b[i]
            if c != 0x20 && c != 0x0A && c != 0x0D && c != 0x09 { return c }
            i += 1
        }
        return nil
    }
}
