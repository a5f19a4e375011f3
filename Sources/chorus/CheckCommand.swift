import ArgumentParser

/// `chorus check` (skeleton: lands with its issue).
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "check", abstract: "Not implemented yet.")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        global.bootstrap()
        print("chorus check: not implemented yet")
        throw ExitStatus.fatal
    }
}
