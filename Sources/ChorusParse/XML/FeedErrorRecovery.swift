import Foundation
import CLibXML2
import CLibXML2Shim

/// What Chorus does when libxml2 reports a well-formedness error in recover mode: count it,
/// keep the first messages as warnings, put back the literal text libxml2 dropped (a bare
/// `&`, `AT&T`, an entity no one declared), and keep entity decoding on (libxml2
/// stops inlining `&amp;` once it knows the document is not well-formed).
enum FeedErrorRecovery {
    static func handle(_ error: xmlErrorPtr, handler: FeedSAXHandler) {
        // The fields of libxml2's structures are read in CLibXML2Shim, never here.
        let err = chorus_xml_error_read(error)
        if err.is_warning != 0 { return }
        let message = err.message.map { String(cString: $0).trimmingCharacters(in: .whitespacesAndNewlines) } ?? "error \(err.code)"
        handler.record(line: err.line, message: message, code: err.code)
        if err.code == Int32(XML_ERR_INVALID_CHAR.rawValue) || err.code == Int32(XML_ERR_INVALID_ENCODING.rawValue) {
            handler.sawInvalidEncoding = true
        }
        guard let ctxt = handler.ctxt, handler.isCapturing, chorus_xml_ctxt_in_content(ctxt) != 0 else { return }
        var start: UnsafePointer<UInt8>?
        guard let cur = chorus_xml_ctxt_input_position(ctxt, &start), let base = start, cur > base else { return }
        switch Int(err.code) {
        case Int(XML_ERR_NAME_REQUIRED.rawValue):
            // A bare "&" (not followed by a name): libxml2 consumed the one byte.
            let c = (cur - 1).pointee
            if c == UInt8(ascii: "&") {
                var byte = c
                withUnsafePointer(to: &byte) { handler.appendLiteral(UnsafeBufferPointer(start: $0, count: 1)) }
            }
        case Int(XML_ERR_ENTITYREF_SEMICOL_MISSING.rawValue):
            // "&name" with no ";": libxml2 consumed "&name"; copy it back from the input buffer.
            var p = cur - 1
            var steps = 0
            while p > base, p.pointee != UInt8(ascii: "&"), steps < 64 { p -= 1; steps += 1 }
            if p.pointee == UInt8(ascii: "&") { handler.appendLiteral(UnsafeBufferPointer(start: p, count: cur - p)) }
        case Int(XML_ERR_UNDECLARED_ENTITY.rawValue), Int(XML_WAR_UNDECLARED_ENTITY.rawValue):
            if let name = err.str1 {
                let literal = Array("&\(String(cString: name));".utf8)
                literal.withUnsafeBufferPointer { handler.appendLiteral($0) }
            }
        default:
            break
        }
    }
}
