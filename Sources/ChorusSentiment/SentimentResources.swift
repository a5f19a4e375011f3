public import Foundation
public import ChorusModel

/// Finds the directory holding the shipped lexicon and rule files, whatever the current
/// directory and wherever the binary is (cron runs from `/`).
///
/// Search order, first directory holding `lexicon-en.tsv` wins:
/// 1. `$CHORUS_SHARE/sentiment`, then `$CHORUS_SHARE` itself;
/// 2. beside the binary: `<bin>/chorus-share/sentiment`, `<bin>/../share/chorus/sentiment`;
/// 3. `Config/sentiment` in the binary's directory or any of its parents (a repository build);
/// 4. `Config/sentiment` of the source checkout this module was compiled from;
/// 5. `/usr/local/share/chorus/sentiment`, `/usr/share/chorus/sentiment`.
public enum SentimentResources {
    /// File names of the shipped files.
    public static let englishLexicon = "lexicon-en.tsv"
    /// vaderSentiment's human-rated lexicon (MIT), loaded before `englishLexicon`, which overrides it.
    public static let englishBaseLexicon = "lexicon-en-vader.tsv"
    /// Reaction lexicons and rules of the other Latin-script languages scored, by language code.
    public static let otherLanguages = ["fr", "es", "de"]
    public static func lexicon(_ lang: String) -> String { "lexicon-\(lang).tsv" }
    public static func rules(_ lang: String) -> String { "rules-\(lang).yaml" }
    public static let chineseLexicon = "lexicon-zh.tsv"
    public static let englishRules = "rules-en.yaml"
    public static let chineseRules = "rules-zh.yaml"

    /// The running binary, read from `/proc/self/exe` (already free of symbolic links), else
    /// `Bundle.main`'s. Not `Bundle.main` first: creating it lists the binary's directory and
    /// reads bundle metadata, about 12% of `chorus score`'s start-up when the binary sits in a
    /// large directory (perf, a binary in /tmp); `/proc/self/exe` is one `readlink`.
    public static func runningExecutable() -> URL? {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"), path.hasPrefix("/") {
            return URL(fileURLWithPath: path)
        }
        return Bundle.main.executableURL
    }

    /// The directories searched, in order.
    public static func searchPath(
        environment: [String: String] = EnvironmentVariables.named("CHORUS_SHARE"),
        executable: URL? = SentimentResources.runningExecutable()
    ) -> [URL] {
        var dirs: [URL] = []
        if let share = environment["CHORUS_SHARE"], !share.isEmpty {
            let base = URL(fileURLWithPath: share, isDirectory: true)
            dirs.append(base.appendingPathComponent("sentiment", isDirectory: true))
            dirs.append(base)
        }
        if let exe = executable?.resolvingSymlinksInPath() {
            let bin = exe.deletingLastPathComponent()
            dirs.append(bin.appendingPathComponent("chorus-share/sentiment", isDirectory: true))
            dirs.append(bin.deletingLastPathComponent().appendingPathComponent("share/chorus/sentiment", isDirectory: true))
            var dir = bin
            while dir.path != "/" && !dir.path.isEmpty {
                dirs.append(dir.appendingPathComponent("Config/sentiment", isDirectory: true))
                dir.deleteLastPathComponent()
            }
        }
        // Sources/ChorusSentiment/SentimentResources.swift → the checkout's Config/sentiment.
        let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        dirs.append(checkout.appendingPathComponent("Config/sentiment", isDirectory: true))
        dirs.append(URL(fileURLWithPath: "/usr/local/share/chorus/sentiment", isDirectory: true))
        dirs.append(URL(fileURLWithPath: "/usr/share/chorus/sentiment", isDirectory: true))
        return dirs
    }

    /// The first directory of the search path that holds the shipped files.
    public static func locate(
        environment: [String: String] = EnvironmentVariables.named("CHORUS_SHARE"),
        executable: URL? = SentimentResources.runningExecutable()
    ) throws -> URL {
        let dirs = searchPath(environment: environment, executable: executable)
        for dir in dirs where FileManager.default.fileExists(atPath: dir.appendingPathComponent(englishLexicon).path) {
            return dir
        }
        throw SentimentError(
            file: nil,
            reason: "cannot find the shipped lexicons (\(englishLexicon)); set CHORUS_SHARE or sentiment.share_directory. Searched: "
                + dirs.map(\.path).joined(separator: ", "))
    }
}
