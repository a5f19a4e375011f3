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
    /// Marks this run's temporary file as its store's (see ``OutputRecovery``).
    private let fileTag: String?
    private var writer: AtomicFileWriter?
    /// The temporary file is noted as pending in the store: from then on only recovery deletes it.
    private var noted = false
    private var stdoutBuffer: [UInt8] = []
    /// The state whose ``OutputMarker`` goes into the output folder with the first file.
    private let state: URL?
    /// Keeps a copy of the lines written, for an output table (``PostgresItemTable``).
    private let keepsDocuments: Bool
    /// The lines written, when ``keepsDocuments``.
    private(set) var documents: [UInt8] = []

    init(_ mode: Mode, fileTag: String? = nil, state: URL? = nil, keepsDocuments: Bool = false) {
        self.mode = mode
        self.fileTag = fileTag
        self.state = state
        self.keepsDocuments = keepsDocuments
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
        if keepsDocuments { documents.append(contentsOf: line) }
        switch mode {
        case .file(let settings, let date):
            do {
                if writer == nil {
                    let url = OutputPath.make(
                        dir: settings.dir, partitioned: settings.layout == .date, prefix: settings.prefix, gzip: settings.gzip, date: date)
                    writer = try AtomicFileWriter(url: url, gzip: settings.gzip, tag: fileTag)
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

    /// Publishes the durable file, if one was started, under the first free name from the one
    /// chosen at its first line (`…Z.ndjson`, `…Z-2.ndjson`, …): each name is noted as pending in
    /// the `store`, with the `seen` records the commit will write, before it is tried, so a crash
    /// at any point is reconciled by the next run, and another run's file that took the name
    /// meanwhile is never replaced. Returns the final path.
    func publish(noting store: any StateStore, seen: [SeenRecord], createdAt: Date) throws(RunError) -> URL? {
        guard let writer else { return nil }
        var candidate = writer.url
        for _ in 0..<1_000 {
            do {
                var note = PendingOutput(path: candidate.path, temporaryPath: writer.temporaryURL.path, createdAt: createdAt, seen: seen)
                note.documents = documents
                do throws(StateError) {
                    try store.beginOutput(note)
                } catch {
                    // The note may be committed all the same (the connection lost after the
                    // server's COMMIT), and beside a note a missing temporary file means published:
                    // the file is kept for the next run's recovery (a note with its file
                    // unpublished, or no note and a dead temporary).
                    if error.outcomeUnknown { noted = true }
                    throw RunError(error.message)
                }
                noted = true
                // Only once the state notes the file: the marker then never outlives what the state knows.
                if let state, case .file(let settings, _) = mode { OutputMarker.ensure(state: state, in: settings) }
                if try writer.publish(to: candidate) { return candidate }
            } catch let error as StateError {
                throw RunError(error.message)
            } catch let error as OutputError {
                throw RunError(error.message)
            } catch {
                throw RunError("output: \(candidate.path): \(error)")
            }
            candidate = OutputPath.next(after: candidate)
        }
        throw RunError("output: \(writer.url.path): no free name after 1000 tries")
    }

    /// Drops an unfinished file, unless it is noted as pending (then the next run's recovery
    /// decides, under the lock, whether it was published).
    func abandon() {
        if !noted { writer?.discard() }
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
