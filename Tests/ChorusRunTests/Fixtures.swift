import Foundation

/// Paths of the fixtures beside these tests.
enum Fixtures {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func config(_ name: String) -> URL { folder.appendingPathComponent("config/\(name)") }
}
