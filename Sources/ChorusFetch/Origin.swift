import Foundation

/// A URL's origin (scheme, host and port, the port defaulted per scheme), compared to decide
/// whether a redirect stays with the server a request's secrets were meant for.
struct Origin: Equatable {
    var scheme: String
    var host: String
    var port: Int

    /// Nil for a URL without a scheme or host.
    init?(_ url: String) {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
              let host = components.host?.lowercased(), !host.isEmpty else { return nil }
        self.scheme = scheme
        self.host = host
        port = components.port ?? (scheme == "https" ? 443 : 80)
    }

    /// Whether both URLs parse and share an origin (an unparseable URL matches nothing).
    static func same(_ a: String, _ b: String) -> Bool {
        guard let x = Origin(a), let y = Origin(b) else { return false }
        return x == y
    }
}
