import ChorusModel

/// Decides how to read a document from its first significant byte (after a UTF-8 BOM and
/// blanks): `{` or `[` is JSON, anything else (including UTF-16 and a BOM) is XML. Never
/// looks at file names or substrings.
enum FormatSniffer {
    /// Platforms whose documents are XML feeds.
    static let xmlPlatforms: Set<Platform> = [.rss, .atom, .rdf]

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
