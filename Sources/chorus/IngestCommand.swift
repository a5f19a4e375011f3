import ArgumentParser

/// `chorus ingest` (skeleton: lands with its issue).
struct IngestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ingest", abstract: "Not implemented yet.")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        global.bootstrap()
        print("chorus ingest: not implemented yet")
        throw ExitStatus.fatal
    }
}
