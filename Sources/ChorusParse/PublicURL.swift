import Foundation

/// A URL fit to be written into every output line: without user info, query or fragment, where
/// private feeds keep their credentials (`https://user:pass@…`, `?token=…`).
enum PublicURL {
    /// `url` stripped of user info, query and fragment; nil when it does not parse.
    static func strip(_ url: String) -> String? {
        guard var components = URLComponents(string: url), components.scheme != nil else { return nil }
        components.user = nil
        components.password = nil
        components.query = nil
        components.fragment = nil
        return components.string
    }
}
