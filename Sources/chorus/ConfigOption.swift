import ArgumentParser
import ChorusRun
import Foundation

/// `--config F` for the commands that read a configuration, and its loading: the path from the
/// option, else `$CHORUS_CONFIG`, else `Config/chorus.yaml`; a bad file prints every problem on
/// stderr and exits 78.
struct ConfigOption: ParsableArguments {
    @Option(name: .long, help: "The configuration file (default: $CHORUS_CONFIG, else Config/chorus.yaml).")
    var config: String?

    /// The resolved path.
    var path: String { ConfigLoader.resolvePath(option: config, environment: ProcessInfo.processInfo.environment) }

    /// The loaded configuration, or exit 78 with its problems on stderr.
    func load() throws -> ChorusConfig {
        do {
            return try ConfigLoader.load(path: path, environment: ProcessInfo.processInfo.environment)
        } catch {
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            throw ExitStatus.configError
        }
    }
}
