public import ChorusConnectors
import ChorusFetch

/// Builds the connector for a configured source: `FeedConnector` for feeds, the social
/// connectors from their options for the platforms.
public enum ConnectorFactory {
    /// The connector for `source`, or a message saying why it cannot be built.
    public static func make(_ source: SourceConfig) -> Result<any SourceConnector, ConnectorError> {
        switch source.type {
        case .feed:
            guard let url = source.url else { return .failure(ConnectorError("config: \(source.name): a feed needs a url")) }
            return .success(FeedConnector(name: source.name, url: url, headers: source.headers, policy: source.policy))
        default:
            return .failure(ConnectorError("connect: \(source.name): \(source.type.rawValue) sources are not available in this build"))
        }
    }
}
