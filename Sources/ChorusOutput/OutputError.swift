/// Writing output failed. Messages start with "output:" and name the file.
public struct OutputError: Error, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
