import ChorusOutput
import Foundation

/// A small dot file in the output folder, `.chorus-state-<tag>` (the tag of ``OutputRecovery/tag(state:)``),
/// written when a run of a state first publishes there: it says "this folder holds the output of
/// the state at …", so a lost state is told from a first run even in a folder several configs
/// share. Folders written before markers existed count as this state's when they hold
/// published files with its prefix and no marker at all.
enum OutputMarker {
    static func url(of state: URL, in output: OutputSettings) -> URL {
        output.dir.appendingPathComponent(".chorus-state-\(OutputRecovery.tag(state: state))")
    }

    /// Writes the marker if it is not there (best effort: a folder that cannot take it cannot take the output either).
    static func ensure(state: URL, in output: OutputSettings) {
        let marker = url(of: state, in: output)
        guard !FileManager.default.fileExists(atPath: marker.path) else { return }
        try? FileManager.default.createDirectory(at: output.dir, withIntermediateDirectories: true)
        try? Data("chorus state: \(state.standardizedFileURL.path)\n".utf8).write(to: marker, options: .atomic)
    }

    /// True when `output` holds files of the state at `state` (its marker, or, in a folder with
    /// no marker, published files with the configured prefix).
    static func holdsFiles(of state: URL, in output: OutputSettings) -> Bool {
        if FileManager.default.fileExists(atPath: url(of: state, in: output).path) { return true }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: output.dir.path) else { return false }
        if names.contains(where: { $0.hasPrefix(".chorus-state-") }) { return false }
        let prefix = output.prefix + "-"
        func published(_ name: String) -> Bool { name.hasPrefix(prefix) && OutputPath.isPublished(name) }
        if names.contains(where: published) { return true }
        for name in names where name.hasPrefix("date=") {
            let inner = (try? FileManager.default.contentsOfDirectory(atPath: output.dir.appendingPathComponent(name).path)) ?? []
            if inner.contains(where: published) { return true }
        }
        return false
    }
}
