import Foundation
import ChorusModel
import ChorusOutput

/// Reconciles what an interrupted run left behind, before a new run starts (under the lock):
/// a published file whose commit never happened has its ids marked seen (so the rerun does not
/// emit them twice); a temporary file that was never published is deleted (its items were not
/// committed, so the rerun emits them again).
struct OutputRecovery {
    let store: any StateStore
    let output: OutputSettings

    /// The published files whose ids were adopted.
    func run(now: Date) throws(RunError) -> [String] {
        var adopted: [String] = []
        do {
            for pending in try store.pendingOutputs() {
                var seen: [SeenRecord] = []
                if FileManager.default.fileExists(atPath: pending.path) {
                    seen = try records(in: URL(fileURLWithPath: pending.path), now: now)
                    adopted.append(pending.path)
                } else {
                    unlink(pending.temporaryPath)
                }
                let known = try store.seenRecords(seen.map(\.id))
                let newer = seen.filter { r in known[r.id].map { $0.revision < r.revision } ?? true }
                try store.commit(StateCommit(seen: newer, completedOutput: pending.path, now: now))
            }
        } catch let error as StateError {
            throw RunError(error.message)
        } catch let error as RunError {
            throw error
        } catch {
            throw RunError("run: recovery: \(error)")
        }
        removeTemporaries()
        return adopted
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

    /// Deletes hidden temporary files (`.<name>.<pid>.tmp`) left in the output folder and its
    /// date partitions by runs that died before publishing.
    private func removeTemporaries() {
        let fm = FileManager.default
        var folders = [output.dir]
        if let names = try? fm.contentsOfDirectory(atPath: output.dir.path) {
            folders += names.filter { $0.hasPrefix("date=") }.map { output.dir.appendingPathComponent($0) }
        }
        for folder in folders {
            for name in (try? fm.contentsOfDirectory(atPath: folder.path)) ?? [] where name.hasPrefix(".") && name.hasSuffix(".tmp") {
                unlink(folder.appendingPathComponent(name).path)
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
