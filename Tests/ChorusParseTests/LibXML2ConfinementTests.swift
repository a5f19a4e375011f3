import CLibXML2Shim
import ChorusTestSupport
import Foundation
import Testing

/// Issue #10 point 3: libxml2's structures are touched in C only (CLibXML2Shim, whose
/// compile-time checks stop the build on a libxml2 it was not verified on), and the libxml2
/// loaded at run time is the one the shim was compiled against.
@Suite("libxml2 behind its shim")
struct LibXML2ConfinementTests {
    /// Pointer reads that are bytes of a buffer, not fields of a libxml2 struct: the input
    /// cursor of FeedErrorRecovery (`cur`, `p`), as written there.
    static let bytePointers = ["(cur - 1).pointee", "p.pointee"]

    /// Every `.pointee` in a Swift source that imports CLibXML2, with its file and line, unless
    /// it is one of ``bytePointers``; `.pointee.` (a field through a pointer) is never allowed.
    static func violations() throws -> [String] {
        let sources = RepoPaths.root.appendingPathComponent("Sources")
        guard let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil) else { return ["no Sources"] }
        var found: [String] = []
        var scanned = 0
        for case let url as URL in files where url.pathExtension == "swift" {
            let text = try String(contentsOf: url, encoding: .utf8)
            guard text.contains("import CLibXML2\n") else { continue }
            scanned += 1
            for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where line.contains(".pointee") {
                var rest = String(line)
                for allowed in bytePointers { rest = rest.replacingOccurrences(of: allowed, with: "") }
                if rest.contains(".pointee") { found.append("\(url.lastPathComponent):\(n + 1): \(line.trimmingCharacters(in: .whitespaces))") }
            }
        }
        return scanned == 0 ? ["no Swift file imports CLibXML2 (the scan looks in the wrong place)"] : found
    }

    @Test("No Swift code reads or writes a field of a libxml2 structure (only CLibXML2Shim does)")
    func noStructFieldsInSwift() throws {
        #expect(try Self.violations() == [])
    }

    @Test("The check catches a field access through a pointer")
    func checkCanFail() {
        var rest = "if let ctxt { ctxt.pointee.wellFormed = 1 }"
        for allowed in Self.bytePointers { rest = rest.replacingOccurrences(of: allowed, with: "") }
        #expect(rest.contains(".pointee"))
    }

    @Test("The libxml2 loaded at run time is the release the shim was compiled and verified against")
    func runtimeMatchesHeaders() {
        let header = Int(chorus_xml_header_version()), runtime = Int(chorus_xml_runtime_version())
        // Same major and minor release: the shim's assumptions were checked on that one.
        #expect(header / 100 == runtime / 100, "headers \(header), library \(runtime)")
        #expect((20904..<21000).contains(header))
    }
}
