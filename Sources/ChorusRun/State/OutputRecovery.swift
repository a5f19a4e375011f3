import Foundation
import ChorusModel
import ChorusOutput

/// Reconciles what an interrupted run left behind, before a new run starts (under the lock):
/// a published file whose commit never happened has its ids marked seen (so the rerun does not
/// emit them twice); a temporary file that was never published is deleted (its items were not
/// committed, so the rerun emits them again). The ids come from the store's pending-output note,
/// never from the file, which a downstream job may already have moved, consumed or damaged.
///
/// Several configs (each with its own store and lock) may share one output folder, so only
/// temporary files that are certainly dead are deleted: those this store noted as pending, those
/// tagged with this store's ``tag(state:)`` (under the lock no run of this store is alive), and
/// untagged ones whose pid is not alive. Another store's tagged files are left to its recovery.
struct OutputRecovery {
    let store: any StateStore
    let output: OutputSettings
    /// This store's temporary-file tag; see ``tag(state:)``.
    var tag: String? = nil

    /// The tag that marks the temporary files of the runs of the store at `state`: `s` and 12 hex
    /// digits of the SHA-256 of its path (never all digits, so it cannot be read as a pid).
    static func tag(state: URL) -> String {
        "s" + Hex.lowercase(SHA256.hash(Array(state.standardizedFileURL.path.utf8)).prefix(6))
    }

    /// The published files whose ids were adopted.
    func run(now: Date) throws(RunError) -> [String] {
        var adopted: [String] = []
        do throws(StateError) {
            for pending in try store.pendingOutputs() {
                var seen: [SeenRecord] = []
                let published = Self.wasPublished(pending)
                if published {
                    // A note from an older version has no ids: read them from the file, if it is
                    // still there and readable (nothing else can be known).
                    seen = pending.seen ?? ((try? records(in: URL(fileURLWithPath: pending.path), now: now)) ?? [])
                    adopted.append(pending.path)
                }
                let known = try store.seenRecords(seen.map(\.id))
                let newer = seen.filter { r in known[r.id].map { $0.revision < r.revision } ?? true }
                var change = StateCommit(seen: newer, completedOutput: pending.path, now: now)
                change.outputWithdrawn = !published
                try store.commit(change)
                // Only once the note is gone: a temporary file missing beside a note means published.
                unlink(pending.temporaryPath)
            }
        } catch {
            throw RunError(error.message)
        }
        removeTemporaries()
        return adopted
    }

    /// Published means the temporary name is gone (renamed or linked, then unlinked), or still
    /// names the same inode as the final name or another link (a crash between `link` and
    /// `unlink`). A temporary file alone, or beside another run's file that took the name, was not.
    static func wasPublished(_ pending: PendingOutput) -> Bool {
        var temp = stat()
        guard lstat(pending.temporaryPath, &temp) == 0 else { return errno == ENOENT }
        if temp.st_nlink > 1 { return true }
        var final = stat()
        return lstat(pending.path, &final) == 0 && final.st_dev == temp.st_dev && final.st_ino == temp.st_ino
    }

    /// Seen records for every line of an output file (gzip or not).
    private func records(in url: URL, now: Date) throws(RunError) -> [SeenRecord] {
        var bytes: [UInt8]
        do {
            bytes = Array(try Data(contentsOf: url))
            if url.pathExtension == "gz" { bytes = try GzipDecompressor.decompress(bytes) }
        } catch let error as OutputError {
            throw RunError("run: recovery: \(error.message)")
        } catch {
            throw RunError("run: recovery: \(url.path): cannot read (\(error.localizedDescription))")
        }
        var out: [SeenRecord] = []
        for line in bytes.split(separator: UInt8(ascii: "\n")) {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                  let id = object["id"] as? String, let source = object["source"] as? String
            else { continue }
            let updated = object["updated_at"] as? String
            out.append(SeenRecord(
                id: id, source: source, firstSeen: now, lastSeen: now,
                contentHash: ContentFingerprint.make(
                    title: object["title"] as? String, text: object["text"] as? String, url: object["url"] as? String, updatedAt: updated),
                updatedAt: updated.flatMap(Self.parseRFC3339), revision: object["revision"] as? Int ?? 0))
        }
        return out
    }

    /// Deletes the hidden temporary files (`.<name>.<pid>[.<tag>].tmp`) in the output folder and
    /// its date partitions that are certainly dead: this store's, and untagged ones of dead pids.
    private func removeTemporaries() {
        let fm = FileManager.default
        var folders = [output.dir]
        if let names = try? fm.contentsOfDirectory(atPath: output.dir.path) {
            folders += names.filter { $0.hasPrefix("date=") }.map { output.dir.appendingPathComponent($0) }
        }
        for folder in folders {
            for name in (try? fm.contentsOfDirectory(atPath: folder.path)) ?? [] {
                guard let owner = AtomicFileWriter.temporaryOwner(of: name) else { continue }
                let dead: Bool
                if let ownerTag = owner.tag {
                    dead = ownerTag == tag
                } else {
                    dead = owner.pid > 0 && (owner.pid == getpid() || (kill(owner.pid, 0) != 0 && errno == ESRCH))
                }
                if dead { unlink(folder.appendingPathComponent(name).path) }
            }
        }
    }

    /// `2026-11-28T23:45:00Z` as written by `RFC3339.format`.
    static func parseRFC3339(_ s: String) -> Date? {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.date(from: s)
    }
}
