import Foundation
import ChorusModel

/// What every platform decoder shares: the parse context, JSON reading with stage-prefixed
/// errors, date parsing with a count of failures, and the HTML-to-text step.
struct SocialDecoding {
    let context: ParseContext
    var unparsedDates = 0
    /// One libxml2 HTML context for the whole page (HTMLText.plainText makes one per call),
    /// used when the fragment is outside what ``SocialHTMLText`` converts by itself.
    private let html = HTMLTextExtractor()
    private var fast = SocialHTMLText()

    init(context: ParseContext) {
        self.context = context
    }

    /// Reads the bytes as JSON or fails with "parse: <source>: malformed JSON at ...".
    func document(_ bytes: [UInt8]) throws(ParseError) -> JSONDocument {
        do {
            return try JSONReader.parse(bytes)
        } catch {
            throw ParseError("parse: \(context.source): \(error.description)")
        }
    }

    /// The documents of a body that is one JSON value or JSON Lines (``JSONLines``).
    func documents(_ bytes: [UInt8]) throws(ParseError) -> [JSONLines.Line] {
        do {
            return try JSONLines.documents(bytes)
        } catch {
            throw ParseError("parse: \(context.source): \(error.description)")
        }
    }

    /// The stage-prefixed error for a type mismatch.
    func failure(_ error: JSONTypeError) -> ParseError {
        ParseError("parse: \(context.source): \(error.description)")
    }

    /// The error for a response none of the platform's shapes matches, naming what it holds:
    /// "parse: src: JSON object with keys [cid, likes, uri] is no supported Bluesky shape".
    func unsupported(_ root: JSONValue, platform: String) -> ParseError {
        ParseError("parse: \(context.source): \(SocialShapeDetector.describe(root)) is no supported \(platform) shape")
    }

    /// A date from RFC 3339 / ISO 8601 text; nil (and counted) when present but not understood.
    mutating func date(_ text: String?) -> Date? {
        guard let text, !text.isEmpty else { return nil }
        if let date = Self.fastRFC3339(text) ?? DateParser.parse(text) { return date }
        unparsedDates += 1
        return nil
    }

    /// Plain text of an HTML body; nil when nothing is left.
    mutating func plain(_ html: String?) -> String? {
        guard let html, !html.isEmpty else { return nil }
        if let text = fast.plainText(html) { return text }
        return self.html.plainText(html)
    }

    /// Plain text of HTML member `i` read straight from the JSON bytes (no intermediate String
    /// unless the fragment needs libxml2); nil when absent, empty or without text.
    mutating func plain(_ fields: JSONFields, _ i: Int) throws(JSONTypeError) -> String? {
        let converted = try fields.withStringBytes(i) { bytes -> String?? in
            bytes.isEmpty ? .some(nil) : self.fast.convert(bytes)
        }
        switch converted {
        case .none: return nil
        case .some(.some(let text)): return text
        case .some(.none): return plain(try fields.string(i))
        }
    }

    /// A non-empty string or nil.
    static func nonEmpty(_ s: String?) -> String? {
        guard let s, !s.isEmpty else { return nil }
        return s
    }

    /// The common API form `YYYY-MM-DDTHH:MM:SS[.fff]Z` (or `+00:00`), parsed without
    /// formatters; anything else goes to ``DateParser``.
    static func fastRFC3339(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { b -> Date? in
            guard b.count >= 20, b[4] == 0x2D, b[7] == 0x2D, b[10] == 0x54 || b[10] == 0x20, b[13] == 0x3A, b[16] == 0x3A else {
                return nil
            }
            func num(_ from: Int, _ len: Int) -> Int? {
                var v = 0
                for i in from..<(from + len) {
                    let d = Int(b[i]) - 48
                    guard d >= 0 && d <= 9 else { return nil }
                    v = v * 10 + d
                }
                return v
            }
            guard let year = num(0, 4), let month = num(5, 2), let day = num(8, 2), let hour = num(11, 2),
                let minute = num(14, 2), let second = num(17, 2), (1...12).contains(month), (1...31).contains(day),
                hour < 24, minute < 60, second < 61
            else { return nil }
            var i = 19
            var fraction = 0.0
            if i < b.count, b[i] == 0x2E {
                i += 1
                var digits = 0
                var scale = 1.0
                while i < b.count, b[i] >= 48, b[i] <= 57 {
                    if scale < 1e9 {
                        digits = digits * 10 + Int(b[i] - 48)
                        scale *= 10
                    }
                    i += 1
                }
                fraction = Double(digits) / scale
            }
            var offset = 0
            guard i < b.count else { return nil }
            if b[i] == 0x5A || b[i] == 0x7A {
                i += 1
            } else if b[i] == 0x2B || b[i] == 0x2D, i + 6 == b.count, b[i + 3] == 0x3A, let oh = num(i + 1, 2), let om = num(i + 4, 2) {
                offset = (oh * 3600 + om * 60) * (b[i] == 0x2D ? -1 : 1)
                i += 6
            } else {
                return nil
            }
            guard i == b.count else { return nil }
            let days = Int(RFC3339.daysFromCivil(year: Int64(year), month: Int64(month), day: Int64(day)))
            let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset
            return RFC3339.date(epochSeconds: Double(seconds) + fraction)
        }
    }
}
