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

    /// The `chorus` executable of this build: `$CHORUS_BIN` when set (scripts/test sets it to
    /// `swift build --show-bin-path`), else the one beside the test bundle. Never another build's
    /// binary: when neither exists the tests stop here, saying so, instead of testing a stale one.
    public static var chorusBinary: URL {
        let candidates = [
            ProcessInfo.processInfo.environment["CHORUS_BIN"].map(URL.init(fileURLWithPath:)),
            Bundle.main.bundleURL.appendingPathComponent("chorus"),
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("chorus"),
        ].compactMap { $0 }
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            preconditionFailure("the chorus binary of this build is missing (looked at \(candidates.map(\.path))); run swift build first")
        }
        return found
    }

    /// A fresh empty temporary directory.
    public static func temporaryDirectory(_ prefix: String = "chorus-test") throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
