import Foundation

/// Step 3 of a run (``IngestRun``): writes the output durably, then advances the state. In
/// order: the sink's file is fsynced under its temporary name; it is noted as pending in the
/// store with the seen records this commit writes (recovery adopts them if the commit never
/// happens); it is published under a free name and its folder fsynced; then one transaction
/// commits source records, seen ids, touches, breaker clears and pruning, and completes the
/// note. A failure before the transaction leaves the state as it was. A dry run only flushes.
///
/// Anything else a run must make durable with its state belongs here, between the publish and
/// the transaction (or inside it).
struct RunCommitStep {
    var store: any StateStore
    var dryRun: Bool

    /// Commits `change` (its `completedOutput` is set here) after `sink`'s output is durable;
    /// returns the published file, if items went to one. Abandons the file on failure.
    func commit(_ change: StateCommit, sink: ItemSink, createdAt: Date) throws(RunError) -> URL? {
        var change = change
        do {
            try sink.finish()
            guard !dryRun else { return nil }
            let url = try sink.publish(noting: store, seen: change.seen, createdAt: createdAt)
            change.completedOutput = url?.path
            // Rows for the PostgreSQL item table go in with the note of the file; without a file
            // (stdout), in the commit's transaction.
            if url == nil { change.documents = sink.documents }
            try store.commit(change)
            return url
        } catch let error as RunError {
            sink.abandon()
            throw error
        } catch let error as StateError {
            throw RunError(error.message)
        } catch {
            throw RunError("run: \(error)")
        }
    }
}
