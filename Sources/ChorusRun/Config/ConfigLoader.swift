public import Foundation
import ChorusFetch
import Yams

/// Reads and validates a configuration file: every problem is reported at once, each with
/// its line and column; a config with any problem never yields a `ChorusConfig`.
public enum ConfigLoader {
    /// The config file to use: `--config` wins, then `CHORUS_CONFIG`, then `Config/chorus.yaml`.
    public static func resolvePath(option: String?, environment: [String: String]) -> String {
        if let option, !option.isEmpty { return option }
        if let env = environment["CHORUS_CONFIG"], !env.isEmpty { return env }
        return "Config/chorus.yaml"
    }

    /// Loads the file at `path` (relative to the working directory).
    public static func load(path: String, environment: [String: String]) throws(ConfigError) -> ChorusConfig {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        let text: String
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw ConfigError(file: path, message: "no such file (set --config or CHORUS_CONFIG)")
        }
        do {
            let data = try Data(contentsOf: url)
            guard let s = String(data: data, encoding: .utf8) else {
                throw ConfigError(file: path, message: "the file is not UTF-8 text")
            }
            text = s
        } catch let error as ConfigError {
            throw error
        } catch {
            throw ConfigError(file: path, message: "cannot read the file (\(error.localizedDescription))")
        }
        return try parse(text, file: url, displayName: path, environment: environment)
    }

    /// Validates YAML text; `file` anchors relative paths (its folder) and names the file in messages.
    public static func parse(_ text: String, file: URL, displayName: String? = nil, environment: [String: String]) throws(ConfigError) -> ChorusConfig {
        let name = displayName ?? file.path
        let root: Node
        do {
            // The basic resolver leaves plain scalars untyped: ConfigReader decides what a value means
            // from the key, and skipping Yams's regex tag resolution keeps a 1,000-source config fast.
            guard let node = try Yams.compose(yaml: text, .basic) else {
                throw ConfigError(file: name, problems: [ConfigProblem(line: 1, column: 1, message: "the file is empty")])
            }
            root = node
        } catch let error as ConfigError {
            throw error
        } catch let error as YamlError {
            throw ConfigError(file: name, problems: [yamlProblem(error)])
        } catch {
            throw ConfigError(file: name, message: "cannot parse YAML (\(error))")
        }
        let reader = ConfigReader(environment: environment)
        let config = ConfigBuilder(reader: reader, base: file.deletingLastPathComponent()).build(root, file: file)
        guard reader.problems.isEmpty, let config else {
            throw ConfigError(file: name, problems: reader.problems)
        }
        return config
    }

    private static func yamlProblem(_ error: YamlError) -> ConfigProblem {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let what = context.map { "\($0.text): " } ?? ""
            return ConfigProblem(line: mark.line, column: mark.column, message: "invalid YAML: \(what)\(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return ConfigProblem(
                line: context.mark.line, column: context.mark.column,
                message: "duplicate key \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) in a mapping")
        default:
            return ConfigProblem(line: 1, column: 1, message: "invalid YAML: \(error)")
        }
    }
}
