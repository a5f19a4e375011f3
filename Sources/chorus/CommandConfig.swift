import ChorusRun
import Foundation

/// The config a command names (--config, else $CHORUS_CONFIG, else Config/chorus.yaml), loaded;
/// an invalid one is printed on stderr, one problem a line, and exits 78.
enum CommandConfig {
    static func load(option: String?) throws -> (path: String, config: ChorusConfig) {
        let environment = ProcessInfo.processInfo.environment
        let path = ConfigLoader.resolvePath(option: option, environment: environment)
        do {
            return (path, try ConfigLoader.load(path: path, environment: environment))
        } catch {
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            throw ExitStatus.configError
        }
    }
}
