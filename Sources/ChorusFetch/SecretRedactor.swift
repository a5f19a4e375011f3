/// Removes secrets from text that may reach a log or an error message: values of URL query
/// parameters with secret-looking names (`access_token`, `api_key`, `sig`...), passwords in
/// URL user info, and any literal value of a sensitive request header (`Authorization`...).
public struct SecretRedactor: Sendable {
    /// What replaces a secret.
    public static let mask = "REDACTED"

    /// Query parameter names whose values are secrets (compared case-insensitively).
    public static let secretParameters: Set<String> = [
        "access_token", "refresh_token", "id_token", "token", "auth", "authorization", "api_key", "apikey", "key",
        "secret", "client_secret", "password", "passwd", "pass", "sig", "signature", "session", "sessionid",
        "oauth_token", "oauth_signature", "bearer", "code", "x-amz-signature", "x-amz-credential",
    ]

    /// Header names whose values are secrets (lowercase).
    public static let secretHeaders: Set<String> = [
        "authorization", "proxy-authorization", "cookie", "x-api-key", "api-key", "x-auth-token", "x-access-token",
    ]

    private let literals: [String]

    /// A redactor that also masks the literal values of the sensitive headers in `headers`.
    public init(headers: [(name: String, value: String)] = []) {
        var literals: [String] = []
        for header in headers where Self.secretHeaders.contains(header.name.lowercased()) {
            let value = header.value.trimmingSpaces
            guard value.count >= 4 else { continue }
            literals.append(value)
            // "Bearer abc": mask the credential alone too, wherever it turns up.
            if let space = value.firstIndex(of: " ") {
                let credential = String(value[value.index(after: space)...]).trimmingSpaces
                if credential.count >= 4 { literals.append(credential) }
            }
        }
        self.literals = literals.sorted { $0.count > $1.count }
    }

    /// `text` with every secret replaced by ``mask``.
    public func redact(_ text: String) -> String {
        var out = Self.redactQueryValues(in: Self.redactUserInfo(in: text))
        for literal in literals where out.contains(literal) {
            out = out.replacing(literal, with: Self.mask)
        }
        return out
    }

    /// Masks `name=value` pairs whose name is a secret parameter; the value runs to `&`, `#`,
    /// whitespace, a quote or the end.
    static func redactQueryValues(in text: String) -> String {
        guard text.contains("=") else { return text }
        var out = ""
        out.reserveCapacity(text.count)
        var chars = Substring(text)
        while let eq = chars.firstIndex(of: "=") {
            let before = chars[..<eq]
            let nameStart = before.lastIndex { !isNameChar($0) }.map { before.index(after: $0) } ?? before.startIndex
            let name = before[nameStart...].lowercased()
            out += before
            out += "="
            var rest = chars[chars.index(after: eq)...]
            if secretParameters.contains(name) {
                let end = valueEnd(rest)
                if end > rest.startIndex { out += mask }
                rest = rest[end...]
            }
            chars = rest
        }
        out += chars
        return out
    }

    /// Masks the password in `scheme://user:password@host`.
    static func redactUserInfo(in text: String) -> String {
        guard let scheme = text.range(of: "://") else { return text }
        let afterScheme = text[scheme.upperBound...]
        let authorityEnd = afterScheme.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" || $0.isWhitespace } ?? afterScheme.endIndex
        let authority = afterScheme[..<authorityEnd]
        guard let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") else { return text }
        return String(text[..<authority.index(after: colon)]) + mask + String(text[at...])
    }

    /// Where a secret value ends: `&`, `#`, a quote, whitespace, or ": " (a message separator).
    private static func valueEnd(_ rest: Substring) -> Substring.Index {
        var i = rest.startIndex
        while i < rest.endIndex {
            let c = rest[i]
            if c == "&" || c == "#" || c == "\"" || c == "'" || c.isWhitespace { return i }
            let next = rest.index(after: i)
            if c == ":" && (next == rest.endIndex || rest[next].isWhitespace) { return i }
            i = next
        }
        return i
    }

    private static func isNameChar(_ c: Character) -> Bool {
        c.isLetter || c.isNumber || c == "_" || c == "-" || c == "."
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        let u = utf8
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A }
        guard let first = u.firstIndex(where: { !isSpace($0) }), let last = u.lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
