/// The ingestion run (skeleton: config, state, dedup, lock and output land with the ingest issue).
public enum IngestRun {}
