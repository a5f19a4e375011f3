public import ChorusFetch

/// The options of every newest-first connector: the source name, host, token or login, how
/// much one poll may read (`pageSize` per request, at most `maxPages` requests and `maxItems`
/// items) and the fetch policy, with the platform's own options in `api` (read through as if
/// they were this struct's: `options.stream`, `options.kinds`).
@dynamicMemberLookup
public struct PagedOptions<API: NewestFirstAPI>: Sendable, Equatable {
    /// The configured source name (errors and `Item.source`).
    public var name: String
    /// The platform's own options.
    public var api: API
    /// The API host.
    public var baseURL: String
    /// A bearer token, already read from the environment by the run.
    public var token: String?
    /// The environment variable the token came from, named in auth errors.
    public var tokenVariable: String?
    /// Credentials a session is created with, kept in the state and renewed; used instead of `token`.
    public var login: PlatformLogin?
    public var pageSize: Int
    public var maxPages: Int
    public var maxItems: Int
    public var policy: FetchPolicy

    /// Options with the platform's documented defaults.
    public init(
        name: String, api: API, baseURL: String = API.defaultBaseURL, token: String? = nil,
        tokenVariable: String? = API.defaultTokenVariable, login: PlatformLogin? = nil, pageSize: Int = API.defaultPaging.pageSize,
        maxPages: Int = API.defaultPaging.maxPages, maxItems: Int = API.defaultPaging.maxItems, policy: FetchPolicy = FetchPolicy()
    ) {
        self.name = name
        self.api = api
        self.baseURL = baseURL
        self.token = token
        self.tokenVariable = tokenVariable
        self.login = login
        self.pageSize = pageSize
        self.maxPages = maxPages
        self.maxItems = maxItems
        self.policy = policy
    }

    public subscript<Value>(dynamicMember path: WritableKeyPath<API, Value>) -> Value {
        get { api[keyPath: path] }
        set { api[keyPath: path] = newValue }
    }
}
