import ArgumentParser

/// `chorus fetch` (skeleton: lands with its issue).
struct FetchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "fetch", abstract: "Not implemented yet.")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        global.bootstrap()
        print("chorus fetch: not implemented yet")
        throw ExitStatus.fatal
    }
}
