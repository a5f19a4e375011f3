import ChorusModel
import ChorusTestSupport
import Foundation
import Testing
@testable import ChorusParse

/// The captured social API responses under `../shared/realworld/social` (beside the checkout,
/// read in place, never copied), with the `class` SOURCES.tsv gives each: `items`, `accept`
/// or `other`.
enum RealWorldSocial {
    static let root = RepoPaths.root.deletingLastPathComponent().appendingPathComponent("shared/realworld")

    /// One listed file.
    struct Entry: Sendable, CustomStringConvertible {
        var path: String
        var kind: String
        var platform: Platform
        var description: String { path }
    }

    /// Every social file SOURCES.tsv lists (empty when the collection is missing: the tests
    /// that use it then fail on ``requireCollection()``).
    static let entries: [Entry] = {
        guard let table = try? String(contentsOf: root.appendingPathComponent("SOURCES.tsv"), encoding: .utf8) else { return [] }
        return table.split(separator: "\n").compactMap { line -> Entry? in
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard columns.count > 5, columns[0].hasPrefix("social/") else { return nil }
            let folder = columns[0].split(separator: "/")[1]
            guard let platform = Platform(rawValue: String(folder)) else { return nil }
            return Entry(path: columns[0], kind: columns[5], platform: platform)
        }
    }()

    static func requireCollection() throws {
        try #require(!entries.isEmpty, "../shared/realworld/SOURCES.tsv is missing or lists no social files")
    }

    static func bytes(_ path: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: root.appendingPathComponent(path)))
    }

    static func context(_ platform: Platform? = nil) -> ParseContext {
        ParseContext(source: "rw", platform: platform, fetchedAt: Date(timeIntervalSince1970: 1_767_225_600))
    }

    /// The file read as `chorus parse --platform auto` reads it.
    static func auto(_ path: String) throws -> ParseResult {
        try DocumentParser.parse(try bytes(path), context: context())
    }

    /// The file read with its platform given.
    static func forced(_ path: String, _ platform: Platform) throws -> ParseResult {
        try DocumentParser.parse(try bytes(path), context: context(platform))
    }

    /// The item with this native id.
    static func item(_ items: [Item], _ nativeID: String) throws -> Item {
        try #require(items.first { $0.nativeID == nativeID }, "no item \(nativeID)")
    }
}
