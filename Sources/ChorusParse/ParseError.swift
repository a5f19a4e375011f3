/// Why a document produced no items at all. Messages start with "parse:" and name the source.
public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
