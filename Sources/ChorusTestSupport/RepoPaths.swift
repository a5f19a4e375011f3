public import Foundation

/// Paths inside the repository, for tests that read Samples/, Config/ or fixtures.
public enum RepoPaths {
    /// The repository root (the folder holding Package.swift).
    public static let root: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }()

    public static var samples: URL { root.appendingPathComponent("Samples") }
    public static var config: URL { root.appendingPathComponent("Config") }

    /// The built `chorus` executable next to the test bundle (for end-to-end tests).
    public static var chorusBinary: URL {
        let candidates = [
            Bundle.main.bundleURL.appendingPathComponent("chorus"),
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("chorus"),
            root.appendingPathComponent(".build/debug/chorus"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[2]
    }

    /// A fresh empty temporary directory.
    public static func temporaryDirectory(_ prefix: String = "chorus-test") throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
