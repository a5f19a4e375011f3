/// A run that could not complete at all (the exit code "fatal"): output or state failed.
/// Nothing was committed; the next run redoes the work.
public struct RunError: Error, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
