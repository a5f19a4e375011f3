import ArgumentParser
import ChorusRun
import Foundation

/// `chorus check`: validates a configuration and prints every problem with its line and column.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate a configuration file.",
        discussion: """
            Reads the config (--config, else $CHORUS_CONFIG, else Config/chorus.yaml) and reports every problem on stderr as `config: FILE:LINE:COLUMN: message`: unknown keys, wrong types, missing environment variables, bad URLs, duplicate source names, and (with sentiment enabled) malformed lexicon or rule files. Prints a one-line summary on stdout when the file is valid.

            A valid config is then checked against the disk: the output and state folders must be usable (not a file, writable), and the state file healthy (not a folder, not damaged, not another program's database, not lost while the output folder holds this config's files; see docs/ingest.md). A PostgreSQL state (state.url) is connected to, and its schema version printed.

            Exit codes: 0 valid and usable; 70 the config is valid but a path or the state is not (one line each); 78 invalid.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: "The configuration file (default: $CHORUS_CONFIG, else Config/chorus.yaml).")
    var config: String?

    func run() async throws {
        global.bootstrap()
        let environment = ProcessInfo.processInfo.environment
        let path = ConfigLoader.resolvePath(option: config, environment: environment)
        let loaded: ChorusConfig
        do {
            loaded = try ConfigLoader.load(path: path, environment: environment)
            _ = try loaded.loadAnalyzer() // a malformed lexicon or rule file is reported here too
            for source in loaded.sources {
                if let warning = CredentialRules.warning(source) {
                    FileHandle.standardError.write(Data("config: \(path):\(source.line): warning: source \(source.name): \(warning)\n".utf8))
                }
            }
        } catch {
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            throw ExitStatus.configError
        }
        let problems = RunPreflight.problems(loaded)
        if !problems.isEmpty {
            FileHandle.standardError.write(Data(problems.map { $0 + "\n" }.joined().utf8))
            throw ExitStatus.fatal
        }
        let enabled = loaded.sources.filter(\.enabled)
        let types = Dictionary(grouping: enabled, by: \.type.rawValue).map { "\($0.value.count) \($0.key)" }.sorted()
        print("config: \(path): OK, \(loaded.sources.count) sources (\(enabled.count) enabled: \(types.joined(separator: ", ")))")
        if case .success(let connected)? = StateStoreOpener.check(loaded.state) { print(connected) }
        // Sources the circuit breaker holds: on stderr, so cron mails them; still exit 0.
        let notices = RunPreflight.notices(loaded)
        if !notices.isEmpty { FileHandle.standardError.write(Data(notices.map { "check: \($0)\n" }.joined().utf8)) }
    }
}
