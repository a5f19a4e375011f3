/// Removes secrets from text that may reach a log or an error message: values of URL query
/// parameters with secret-looking names (`access_token`, `api_key`, `sig`...), passwords in
/// URL user info, and any literal value of a sensitive request header (`Authorization`...).
public struct SecretRedactor: Sendable {
    /// What replaces a secret.
    public static let mask = "REDACTED"

    /// Query parameter names whose values are secrets, normalized (lowercase, without `-`, `_`
    /// and `.`: `access-token`, `AccessToken` and `access_token` are one name).
    public static let secretParameters: Set<String> = [
        "accesstoken", "refreshtoken", "idtoken", "token", "auth", "oauth", "authorization", "apikey", "key", "secret",
        "clientsecret", "password", "passwd", "pass", "pwd", "sig", "signature", "session", "sessionid", "sid",
        "oauthtoken", "oauthsignature", "bearer", "code", "jwt", "xamzsignature", "xamzcredential", "xamzsecuritytoken",
    ]
    /// Any name containing one of these is a secret (`x-csrf-token`, `my_secret`, `db_password`).
    static let secretParts = ["token", "secret", "password", "passwd", "signature", "credential"]
    /// Any name ending in one of these is a secret (`x-api-key`, `subscription-key`, `AppKey`).
    static let secretSuffixes = [
        "apikey", "accesskey", "secretkey", "privatekey", "appkey", "clientkey", "authkey", "sessionkey",
        "subscriptionkey", "consumerkey", "sessionid",
    ]

    /// True when a query parameter called `name` holds a secret, in any spelling.
    public static func isSecretParameter<S: StringProtocol>(_ name: S) -> Bool {
        let n = String(name.lowercased().unicodeScalars.filter { $0 != "-" && $0 != "_" && $0 != "." })
        guard !n.isEmpty else { return false }
        if secretParameters.contains(n) { return true }
        if secretParts.contains(where: { n.contains($0) }) { return true }
        return secretSuffixes.contains { n.hasSuffix($0) }
    }

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
    /// whitespace, a quote or the end. Inside a percent-encoded URL nested in another (`?next=
    /// https%3A%2F%2Fh%2F%3Ftoken%3Dabc`, also encoded twice) `%3D` counts as `=` and `%26`
    /// and `%23` end a value.
    static func redactQueryValues(in text: String) -> String {
        guard text.contains("=") || text.contains("%") else { return text }
        let chars = Array(text)
        var out = ""
        out.reserveCapacity(text.count)
        var i = 0
        var copied = 0
        while i < chars.count {
            guard let width = equalsWidth(chars, i) else { i += 1; continue }
            // The name: name characters before the separator, minus the hex of an escape (`%3F`, `%253F`) it follows.
            var start = i
            while start > 0 && isNameChar(chars[start - 1]) { start -= 1 }
            var nameStart = start
            if start > 0 && chars[start - 1] == "%" {
                while i - nameStart >= 2 && chars[nameStart] == "2" && chars[nameStart + 1] == "5" { nameStart += 2 }
                nameStart = min(nameStart + 2, i)
            }
            let valueStart = i + width
            if isSecretParameter(String(chars[nameStart..<i])) {
                let end = valueEnd(chars, valueStart)
                out += String(chars[copied..<valueStart])
                if end > valueStart { out += mask }
                copied = end
                i = max(end, valueStart)
            } else {
                i = valueStart
            }
        }
        out += String(chars[copied...])
        return out
    }

    /// The length of `=`, `%3D` or `%253D` at `i`, nil when none is there.
    private static func equalsWidth(_ c: [Character], _ i: Int) -> Int? {
        if c[i] == "=" { return 1 }
        guard c[i] == "%" else { return nil }
        if i + 2 < c.count, c[i + 1] == "3", c[i + 2] == "D" || c[i + 2] == "d" { return 3 }
        if i + 4 < c.count, c[i + 1] == "2", c[i + 2] == "5", c[i + 3] == "3", c[i + 4] == "D" || c[i + 4] == "d" { return 5 }
        return nil
    }

    /// True at an escaped `&` or `#` (`%26`, `%23`, or those encoded again).
    private static func isEscapedSeparator(_ c: [Character], _ i: Int) -> Bool {
        guard c[i] == "%" else { return false }
        var j = i + 1
        if j + 1 < c.count, c[j] == "2", c[j + 1] == "5", j + 3 < c.count, c[j + 2] == "2" { j += 2 }
        return j + 1 < c.count && c[j] == "2" && (c[j + 1] == "6" || c[j + 1] == "3")
    }

    /// Masks the user info of every URL in `text`: the password in `scheme://user:password@host`,
    /// and a lone user name too (`https://ghp_token@host/`: tokens are passed that way).
    static func redactUserInfo(in text: String) -> String {
        guard text.contains("://") else { return text }
        var out = ""
        var rest = Substring(text)
        while let scheme = rest.range(of: "://") {
            out += rest[..<scheme.upperBound]
            let afterScheme = rest[scheme.upperBound...]
            let authorityEnd = afterScheme.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" || $0.isWhitespace } ?? afterScheme.endIndex
            let authority = afterScheme[..<authorityEnd]
            if let at = authority.lastIndex(of: "@") {
                if let colon = authority[..<at].firstIndex(of: ":") {
                    out += authority[..<authority.index(after: colon)] + mask
                } else {
                    out += mask
                }
                out += authority[at...]
            } else {
                out += authority
            }
            rest = afterScheme[authorityEnd...]
        }
        out += rest
        return out
    }

    /// Where a secret value starting at `from` ends: `&`, `#` (or their escapes), a quote,
    /// whitespace, or ": " (a message separator).
    private static func valueEnd(_ c: [Character], _ from: Int) -> Int {
        var i = from
        while i < c.count {
            let ch = c[i]
            if ch == "&" || ch == "#" || ch == "\"" || ch == "'" || ch.isWhitespace || isEscapedSeparator(c, i) { return i }
            if ch == ":" && (i + 1 == c.count || c[i + 1].isWhitespace) { return i }
            i += 1
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
