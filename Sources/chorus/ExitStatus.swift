import ArgumentParser

/// Every exit code Chorus uses, in one place (documented in the README).
enum ExitStatus {
    /// Everything asked for was done.
    static let success = ExitCode(0)
    /// Some sources (or files) failed; the rest were written.
    static let partialFailure = ExitCode(1)
    /// `status`: an enabled source has been failing for longer than `--fail-after`.
    static let staleSource = ExitCode(2)
    /// Bad command-line usage (ArgumentParser's own code).
    static let usage = ExitCode(64)
    /// Input data could not be used at all (a malformed document for `parse`).
    static let dataError = ExitCode(65)
    /// A remote service failed (`fetch` got an error).
    static let unavailable = ExitCode(69)
    /// An unexpected internal failure.
    static let fatal = ExitCode(70)
    /// Writing the output failed (EX_IOERR): `parse` could not write to stdout (a full disk, a
    /// closed descriptor; a closed pipe is not an error and exits 0).
    static let ioError = ExitCode(74)
    /// Another run holds the lock; this one did nothing.
    static let lockHeld = ExitCode(75)
    /// The configuration is invalid; nothing ran.
    static let configError = ExitCode(78)
}
