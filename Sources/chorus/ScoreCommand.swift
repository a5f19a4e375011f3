import ArgumentParser

/// `chorus score` (skeleton: lands with its issue).
struct ScoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "score", abstract: "Not implemented yet.")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        global.bootstrap()
        print("chorus score: not implemented yet")
        throw ExitStatus.fatal
    }
}
