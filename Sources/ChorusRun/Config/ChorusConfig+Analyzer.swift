public import ChorusSentiment

extension ChorusConfig {
    /// The sentiment analyzer this configuration asks for, its lexicon and rule files loaded; nil
    /// when sentiment is disabled. Used by `chorus check` and before an ingest run starts, so a
    /// malformed file is a configuration error (exit 78) rather than a failed run.
    /// - Throws: a `ConfigError` for the config file whose message is the sentiment stage's
    ///   (it names the bad file and line).
    public func loadAnalyzer() throws(ConfigError) -> SentimentAnalyzer? {
        guard sentiment.enabled else { return nil }
        do {
            return try SentimentAnalyzer(configuration: sentiment.configuration)
        } catch {
            throw ConfigError(file: file.path, message: "\(error)")
        }
    }
}
