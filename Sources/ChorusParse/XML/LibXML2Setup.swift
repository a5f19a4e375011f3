import CLibXML2

/// libxml2's global state must be initialised once, before parsers run on several threads
/// at a time; Swift runs a global's initializer exactly once, thread-safely.
enum LibXML2Setup {
    private static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    /// Initialises libxml2 on first call; cheap afterwards.
    @inline(__always) static func ensure() {
        _ = initialized
    }
}
