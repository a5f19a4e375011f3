import ArgumentParser

/// `chorus parse` (skeleton: lands with its issue).
struct ParseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "parse", abstract: "Not implemented yet.")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        global.bootstrap()
        print("chorus parse: not implemented yet")
        throw ExitStatus.fatal
    }
}
