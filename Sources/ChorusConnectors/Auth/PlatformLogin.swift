/// Credentials a connector logs in with, instead of a fixed token: Reddit's OAuth grants
/// (an app-only client-credentials grant, or a script app's password grant) and a Bluesky
/// handle with an app password. The secrets come from the environment through the config;
/// they and the tokens they buy are never logged, previewed or put in an error message.
public enum PlatformLogin: Sendable, Equatable {
    /// Reddit "Application Only OAuth": `grant_type=client_credentials` with the app's id and secret.
    case redditAppOnly(clientID: String, clientSecret: String)
    /// A Reddit script app acting as its developer: `grant_type=password`.
    case redditPassword(clientID: String, clientSecret: String, username: String, password: String)
    /// `com.atproto.server.createSession` with a handle (or DID, or email) and an app password.
    case bluesky(identifier: String, appPassword: String)

    /// The config keys that hold these credentials, for messages.
    public var keys: String {
        switch self {
        case .redditAppOnly: "client_id and client_secret"
        case .redditPassword: "client_id, client_secret, username and password"
        case .bluesky: "handle and app_password"
        }
    }
}
