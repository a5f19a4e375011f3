import Foundation
import ChorusModel
import ChorusOutput

/// Where a run's items go: a new file in the output directory (created on the first item, so
/// a run with nothing new writes nothing), stdout, or nowhere but the dry-run preview.
final class ItemSink {
    enum Mode {
        /// Atomic file for a run that started at `date`.
        case file(OutputSettings, date: Date)
        case stdout
        /// Dry run: `ndjson` prints the would-be items, else the table is printed later.
        case preview(ndjson: Bool)
    }

    private let mode: Mode
    private var writer: AtomicFileWriter?
    private var stdoutBuffer: [UInt8] = []

    init(_ mode: Mode) {
        self.mode = mode
    }

    /// The dry-run table shows duplicates too.
    var wantsDuplicates: Bool {
        if case .preview(ndjson: false) = mode { return true }
        return false
    }

    /// The file being written, if one was started.
    var file: AtomicFileWriter? { writer }

    /// Writes one encoded NDJSON line (newline included).
    func write(line: [UInt8]) throws(RunError) {
        switch mode {
        case .file(let settings, let date):
            do {
                if writer == nil {
                    let url = OutputPath.make(
                        dir: settings.dir, partitioned: settings.layout == .date, prefix: settings.prefix, gzip: settings.gzip, date: date)
                    writer = try AtomicFileWriter(url: url, gzip: settings.gzip)
                }
                try writer?.write(line)
            } catch {
                throw RunError(error.message)
            }
        case .stdout, .preview(ndjson: true):
            stdoutBuffer.append(contentsOf: line)
            if stdoutBuffer.count >= 64 * 1024 { try flushStdout() }
        case .preview(ndjson: false):
            break
        }
    }

    /// Stdout: flushes everything. File: makes the temporary file durable (not yet published).
    func finish() throws(RunError) {
        try flushStdout()
        do {
            try writer?.makeDurable()
        } catch {
            throw RunError(error.message)
        }
    }

    /// Drops an unfinished file.
    func abandon() {
        writer?.discard()
        writer = nil
    }

    private func flushStdout() throws(RunError) {
        guard !stdoutBuffer.isEmpty else { return }
        var offset = 0
        while offset < stdoutBuffer.count {
            let n = stdoutBuffer.withUnsafeBytes { Foundation.write(STDOUT_FILENO, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                throw RunError("output: stdout: write failed (\(String(cString: strerror(errno))))")
            }
            offset += n
        }
        stdoutBuffer.removeAll(keepingCapacity: true)
    }
}
