/// A report could not be made: an input could not be read, or the output not written.
/// Messages start with "report:" and name the file.
public struct ReportError: Error, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message.hasPrefix("report:") ? message : "report: " + message
    }

    public var description: String { message }
}
