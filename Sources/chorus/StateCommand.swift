import ArgumentParser
import ChorusRun
import Foundation

/// `chorus state`: operations on the state store itself.
struct StateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "state",
        abstract: "Operate on the state store.",
        subcommands: [StateMigrateCommand.self]
    )
}

/// `chorus state migrate --to postgres://…`: copies the config's SQLite state into PostgreSQL.
struct StateMigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Copy the SQLite state (sources, validators, cursors, seen ids, pending outputs) into PostgreSQL.",
        discussion: """
            Reads the SQLite state of the config (state.path) under the run lock and copies it, in one transaction, into the PostgreSQL database of --to, creating its schema. The password comes from PGPASSWORD or ~/.pgpass (never from the URL). The target must hold no state yet. Then set `state: { url: ... }` in the config.

            Exit codes: 0 copied; 70 the state could not be read or written (nothing was copied); 75 a run holds the lock; 78 invalid configuration.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: "The configuration file (default: $CHORUS_CONFIG, else Config/chorus.yaml).")
    var config: String?

    @Option(name: .long, help: ArgumentHelp("The PostgreSQL database to copy into.", valueName: "postgres://user@host:port/db"))
    var to: String

    func run() async throws {
        global.bootstrap()
        let (path, loaded) = try CommandConfig.load(option: config)
        guard loaded.state.url == nil else {
            FileHandle.standardError.write(Data("chorus state migrate: \(path): the state is already on PostgreSQL (state.url)\n".utf8))
            throw ExitStatus.configError
        }
        guard FileManager.default.fileExists(atPath: loaded.state.path.path) else {
            FileHandle.standardError.write(Data("chorus state migrate: state: \(loaded.state.path.path): no SQLite state to copy\n".utf8))
            throw ExitStatus.fatal
        }
        let lock: RunLock
        do {
            lock = try RunLock(url: loaded.state.lockPath, guarding: loaded.state.path)
        } catch {
            switch error {
            case .held(let m):
                FileHandle.standardError.write(Data("chorus state migrate: \(m)\n".utf8))
                throw ExitStatus.lockHeld
            case .failed(let m):
                FileHandle.standardError.write(Data("chorus state migrate: \(m)\n".utf8))
                throw ExitStatus.fatal
            }
        }
        defer { withExtendedLifetime(lock) {} }
        do {
            let source = try SQLiteStateStore(path: loaded.state.path, readOnly: true)
            let target = try PostgresStateStore(url: to, password: nil)
            let copied = try StateMigration.copy(from: source, to: target)
            print("""
                state: copied \(loaded.state.path.path) to \(PostgresStateStore.redacted(to)): \(copied.sources) sources, \
                \(copied.seen) seen ids, \(copied.pending) pending outputs
                """)
        } catch {
            FileHandle.standardError.write(Data("chorus state migrate: \(error.message)\n".utf8))
            throw ExitStatus.fatal
        }
    }
}
