import ArgumentParser
import ChorusModel
import ChorusParse
import Foundation
import Logging

/// `chorus parse`: reads feed documents (files or stdin) and prints their items as NDJSON.
struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Parse feed files (RSS, RDF, Atom, JSON Feed) or saved API payloads into NDJSON items.",
        discussion: """
            Prints one NDJSON line per entry, in document order, to stdout. The format is detected \
            from content unless --platform is given. Large feeds are streamed: memory stays flat.
            A file that cannot be parsed gets one line on stderr naming it and the cause; the other \
            files still print, and the exit status is 65. A feed that needed libxml2's recover mode \
            prints what could be kept and a warning on stderr.
            """
    )

    @Option(help: "auto, or one of: \(Platform.allCases.map(\.rawValue).joined(separator: ", ")).")
    var platform = "auto"

    @Option(help: "Source name written to every item (default: the file name without extension; 'stdin' for -).")
    var source: String?

    @Option(name: .customLong("base-url"), help: "The document's URL, for resolving relative links and scoping ids.")
    var baseURL: String?

    @Option(name: .customLong("fetched-at"), help: "RFC 3339 time written as fetched_at (default: now).")
    var fetchedAt: String?

    @Option(name: .customLong("files-from"), help: "Also parse the files listed in this file, one path per line (for batches too long for argv).")
    var filesFrom: String?

    @Argument(help: "Feed files to parse; - reads stdin.")
    var files: [String] = []

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if files.isEmpty && filesFrom == nil && ParseCommandOperands.taken.isEmpty { throw ValidationError("give at least one FILE, - for stdin, or --files-from LIST") }
        if platform != "auto", Platform(rawValue: platform) == nil {
            throw ValidationError("--platform must be auto or one of: \(Platform.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if let fetchedAt, DateParser.parse(fetchedAt) == nil { throw ValidationError("--fetched-at is not a date: \(fetchedAt)") }
    }

    func run() throws {
        global.bootstrap()
        let logger = Logger(label: "chorus.parse")
        let fetched = fetchedAt.flatMap(DateParser.parse) ?? Date()
        let out = SharedParseOutput()
        var failed = 0
        var paths = files + ParseCommandOperands.taken
        if let filesFrom {
            do {
                let list = try String(contentsOfFile: filesFrom, encoding: .utf8)
                paths += list.split(whereSeparator: \.isNewline).map(String.init).filter { !$0.isEmpty }
            } catch {
                ParseCommand.warn("\(filesFrom): cannot read the file list (\(error.localizedDescription))")
                throw ExitStatus.dataError
            }
        }
        let source = self.source, baseURL = self.baseURL, forced = Platform(rawValue: platform)
        let contexts: @Sendable (String) -> ParseContext = { file in
            ParseContext(source: source ?? ParseCommand.defaultSource(file), baseURL: baseURL, platform: forced, fetchedAt: fetched)
        }
        // Several files: one worker and this thread parse the small ones; this thread writes in order.
        let batch = paths.count > 1 ? ParseCommandBatch(paths: paths, workers: 1, logger: logger, contexts: contexts) : nil
        defer { batch?.stop() }
        for (index, file) in paths.enumerated() {
            let context = contexts(file)
            var outcome = batch?.outcome(index) ?? .streamed
            let streamedBefore = out.streamed
            if case .streamed = outcome {
                do {
                    let result = try ParseCommand.parse(file: file, context: context, logger: logger) { out.write($0) }
                    outcome = .parsed(ndjson: [], result: result)
                } catch {
                    outcome = .failed(error, ndjson: [])
                }
            }
            switch outcome {
            case .parsed(let ndjson, let result):
                let wroteNothing = ndjson.isEmpty && out.streamed == streamedBefore
                out.write(encoded: ndjson)
                batch?.recycle(ndjson)
                if result.recovered {
                    let damaged = result.damagedItems > 0 ? "\(result.damagedItems) damaged items; " : ""
                    let format = [Platform.rss, .atom, .rdf].contains(result.platform) ? "XML" : "JSON"
                    let what = result.truncated ? "the document is cut short"
                        : result.platform == .jsonfeed ? "odd members coerced or dropped" : "recovered from malformed \(format)"
                    ParseCommand.warn("\(file): warning: \(what), kept what could be read (\(damaged)\(result.warnings.first ?? ""))")
                } else if wroteNothing {
                    // Never silent about an empty result: say why (a social response without posts, skipped entries).
                    ParseCommand.warn("\(file): warning: no items (\(result.warnings.first ?? "the document holds no entries"))")
                }
                if result.unparsedDates > 0 {
                    logger.info("dates that could not be parsed were written as null", metadata: ["file": "\(file)", "count": "\(result.unparsedDates)"])
                }
            case .failed(let error, let ndjson):
                failed += 1
                out.write(encoded: ndjson)
                out.flush()
                ParseCommand.warn("\(file): \(ParseCommand.cause(error, source: context.source))")
            case .streamed:
                break
            }
        }
        out.flush()
        if failed > 0 { throw ExitStatus.dataError }
    }

    /// Streams one file (or stdin) through a FeedStreamParser in 256 KiB reads.
    /// `onItem` runs on the pipeline's worker thread for a large file, hence `@Sendable`.
    static func parse(file: String, context: ParseContext, logger: Logger, onItem: @escaping @Sendable (Item) -> Void) throws -> ParseResult {
        let fd: Int32 = file == "-" ? 0 : open(file, O_RDONLY)
        if fd < 0 { throw ParseError("parse: \(context.source): cannot open: \(String(cString: strerror(errno)))") }
        defer { if fd != 0 { close(fd) } }
        // Two threads pay off from about a megabyte; below that, starting one costs more than it saves.
        var info = stat()
        let large = fstat(fd, &info) != 0 || (info.st_mode & S_IFMT) != S_IFREG || info.st_size >= 1 << 20
        let parser = large
            ? FeedStreamParser.pipelined(context: context, logger: logger, onItem: onItem)
            : FeedStreamParser(context: context, logger: logger, onItem: onItem)
        let size = 1 << 18
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 16)
        defer { chunk.deallocate() }
        while true {
            let n = read(fd, chunk.baseAddress, size)
            if n < 0 {
                if errno == EINTR { continue }
                throw ParseError("parse: \(context.source): read failed: \(String(cString: strerror(errno)))")
            }
            if n == 0 { break }
            parser.feed(UnsafeRawBufferPointer(rebasing: chunk[0..<n]))
        }
        return try parser.finish()
    }

    /// `reuters-zte.xml` → `reuters-zte`; stdin → `stdin` (see ``SourceName``).
    static func defaultSource(_ file: String) -> String {
        SourceName.forFile(file)
    }

    /// The error text without the "parse: SOURCE: " prefix the file name already stands for.
    static func cause(_ error: any Error, source: String) -> String {
        let text = (error as? ParseError)?.message ?? "\(error)"
        let prefix = "parse: \(source): "
        return text.hasPrefix(prefix) ? String(text.dropFirst(prefix.count)) : text
    }

    static func warn(_ line: String) {
        FileHandle.standardError.write(Data("chorus parse: \(line)\n".utf8))
    }
}
