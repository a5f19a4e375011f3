import ChorusModel
import ChorusParse
import ChorusTestSupport
import Foundation
import Testing

/// The real-world documents of `../shared/realworld/feeds` (beside the checkout, see its
/// README), parsed as `chorus parse` would: their bytes are never copied into this repository.
enum RealWorld {
    static let feeds = RepoPaths.root.deletingLastPathComponent().appendingPathComponent("shared/realworld/feeds")

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: feeds.appendingPathComponent(name)))
    }

    /// The result of parsing one file, named by the file as `chorus parse` names it.
    static func parse(_ name: String) throws -> ParseResult {
        try DocumentParser.parse(try bytes(name), context: Fixture.context((name as NSString).deletingPathExtension))
    }

    /// The feed files of one class in SOURCES.tsv (`real`, `spec`, `synthetic`, `not-a-feed`).
    static func files(class wanted: String) throws -> [String] {
        let tsv = try String(contentsOf: feeds.deletingLastPathComponent().appendingPathComponent("SOURCES.tsv"), encoding: .utf8)
        return tsv.split(separator: "\n").dropFirst().compactMap { line in
            let cols = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard cols.count > 5, cols[0].hasPrefix("feeds/"), cols[5] == wanted else { return nil }
            return String(cols[0].dropFirst("feeds/".count))
        }
    }
}
