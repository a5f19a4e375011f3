import Synchronization

/// Keeps long FILE lists of `chorus parse` away from swift-argument-parser, whose cost grows
/// with the square of the number of values of one array argument (each value copies the
/// array and the set of argument positions so far: ~25 ms for 1,000 files).
///
/// ``split(_:)`` runs before argument parsing. It takes the trailing run of operands (words
/// not starting with `-`, or exactly `-`) except the run's first word, which stays in argv:
/// that word may be the value of the option before it, and ArgumentParser decides. The
/// words taken are the last FILE operands in order, so `files + taken` is the same list
/// ArgumentParser would have built. Short lists are left alone.
enum ParseCommandOperands {
    /// Lists shorter than this are parsed by ArgumentParser as usual.
    static let threshold = 32
    private static let stash = Mutex<[String]>([])

    /// argv (without the program name) with the trailing FILE operands of `parse` taken out.
    static func split(_ arguments: [String]) -> [String] {
        guard arguments.first == "parse" else { return arguments }
        var start = arguments.endIndex
        while start > 1, isOperand(arguments[start - 1]) { start -= 1 }
        let first = start + 1
        guard arguments.endIndex - first >= threshold else { return arguments }
        let taken = Array(arguments[first...])
        stash.withLock { $0 = taken }
        return Array(arguments[..<first])
    }

    /// The operands ``split(_:)`` took, in order (empty when it took none).
    static var taken: [String] { stash.withLock { $0 } }

    private static func isOperand(_ word: String) -> Bool {
        word == "-" || !word.hasPrefix("-")
    }
}
