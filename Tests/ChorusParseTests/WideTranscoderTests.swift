import Foundation
import Testing
@testable import ChorusParse

/// UTF-16 and UTF-32 documents are turned into UTF-8 before libxml2 reads them (so the
/// attribute limit applies to them): the same text in chunks of any size, what is not a
/// character as U+FFFD, the byte order mark dropped.
@Suite("UTF-16 and UTF-32 to UTF-8")
struct WideTranscoderTests {
    static let sample = "<a>é 🌞 x</a>"

    /// The transcoder's output for `bytes` pushed in chunks of `size`.
    static func transcode(_ bytes: [UInt8], _ form: WideTranscoder.Form, chunk size: Int) -> String {
        var t = WideTranscoder(form: form)
        var out: [UInt8] = []
        var i = 0
        repeat {
            let end = min(bytes.count, i + size)
            bytes[i..<end].withUnsafeBytes { t.transcode($0, last: end == bytes.count) { out.append(contentsOf: $0) } }
            i = end
        } while i < bytes.count
        return String(decoding: out, as: UTF8.self)
    }

    @Test("Every form, with or without a byte order mark, in chunks of any size",
          arguments: [WideTranscoder.Form.utf16LE, .utf16BE, .utf32LE, .utf32BE], [1, 3, 5, 1000])
    func roundTrip(form: WideTranscoder.Form, size: Int) {
        for bom in [true, false] {
            let bytes = AttributeLimiterTests.wide(Self.sample, form: form, bom: bom)
            let detected = bytes.withUnsafeBytes { WideTranscoder.detect($0) }
            #expect(detected == form)
            #expect(Self.transcode(bytes, form, chunk: size) == Self.sample)
        }
    }

    @Test("ASCII-compatible starts are not taken for UTF-16 or UTF-32")
    func detectsNothingElse() {
        for head in ["<?xm", "\u{FEFF}<rs", "  <f"] {
            let found = Array(head.utf8).withUnsafeBytes { WideTranscoder.detect($0) }
            #expect(found == nil, "\(head)")
        }
    }

    @Test("A lone surrogate, a value past U+10FFFF and a cut last unit become U+FFFD")
    func brokenUnits() {
        // `<`, a lone high surrogate, `b`, a lone low surrogate, then half a unit.
        let utf16: [UInt8] = [0x3C, 0x00, 0x00, 0xD8, 0x62, 0x00, 0x00, 0xDC, 0x63]
        #expect(Self.transcode(utf16, .utf16LE, chunk: 2) == "<\u{FFFD}b\u{FFFD}\u{FFFD}")
        // A high surrogate at the very end.
        #expect(Self.transcode([0x3C, 0x00, 0x3D, 0xD8], .utf16LE, chunk: 1) == "<\u{FFFD}")
        let utf32: [UInt8] = [0x00, 0x00, 0x00, 0x3C, 0x00, 0x11, 0x00, 0x00, 0x00, 0x00, 0xD8, 0x00, 0x00, 0x00, 0x00, 0x3E]
        #expect(Self.transcode(utf32, .utf32BE, chunk: 7) == "<\u{FFFD}\u{FFFD}>")
    }
}
