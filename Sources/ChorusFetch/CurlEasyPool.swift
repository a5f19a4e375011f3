import CCurlShim

/// Idle libcurl easy handles kept for reuse on the loop thread (reset between transfers),
/// sparing an allocation and its buffers per fetch. Loop thread only.
final class CurlEasyPool {
    private var idle: [UnsafeMutableRawPointer] = []
    private let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// An idle handle, or a new one; nil only when libcurl cannot allocate.
    func take() -> UnsafeMutableRawPointer? {
        idle.popLast() ?? chorus_curl_easy_init()
    }

    /// Returns a handle removed from the multi handle: reset and kept, or freed when full.
    func give(_ easy: UnsafeMutableRawPointer) {
        if idle.count < capacity {
            chorus_curl_easy_reset(easy)
            idle.append(easy)
        } else {
            chorus_curl_easy_cleanup(easy)
        }
    }

    deinit {
        for easy in idle { chorus_curl_easy_cleanup(easy) }
    }
}
