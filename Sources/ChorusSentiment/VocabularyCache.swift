import ChorusModel
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A compiled copy of the shipped vocabulary (lexicons and rules, built and indexed), kept in
/// a cache directory so that start-up reads one file instead of parsing eleven and building
/// their tables: building them was about half of `chorus score`'s start-up (perf).
///
/// - Key: SHA-256 of a format version, the running binary's identity (path, size, mtime,
///   inode: the tables are stored in that binary's memory layout), the configuration that
///   shapes the tables (disabled rules, Chinese on or off) and the path and full contents of
///   every source file, in order. Any edit to a file, or a new binary, gives a new key: the
///   compiled copy follows whatever the files say and is never a hand-frozen copy.
/// - File: `vocabulary-<key>.bin`: magic, key, payload length, a checksum of the payload,
///   then the payload. A file that is short, fails the checksum or holds an index out of
///   range is ignored, and the vocabulary is built from the files (and the cache rewritten).
/// - Written atomically: to a temporary file in the same directory, then renamed over the
///   name, so a reader sees the old file or the whole new one, never a part. Other
///   `vocabulary-*.bin` files untouched for a day are removed then. Any failure to write
///   (read-only home, full disk) only means no cache.
struct VocabularyCache {
    let directory: URL
    static let magic = Array("CHORUSV2".utf8)

    /// The key of these sources, or nil when one cannot be read (the build then reports it).
    func key(lexicons: [(URL, String)], rules: [URL], configuration: SentimentConfiguration) -> [UInt8]? {
        var message = Array("chorus vocabulary 1\n".utf8)
        func add(_ s: String) { message += Array(s.utf8); message.append(0) }
        let exe = SentimentResources.runningExecutable()?.path ?? ""
        var st = stat()
        guard stat(exe, &st) == 0 else { return nil }
        add("\(exe) \(st.st_size) \(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec) \(st.st_ino)")
        add(configuration.disabledRules.sorted().joined(separator: ","))
        add(configuration.chineseEnabled ? "zh" : "no-zh")
        for (url, lang) in lexicons {
            guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
            add("lexicon \(lang) \(url.path) \(data.count)")
            message += data
        }
        for url in rules {
            guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
            add("rules \(url.path) \(data.count)")
            message += data
        }
        return SHA256.hash(message)
    }

    func file(_ key: [UInt8]) -> URL {
        directory.appendingPathComponent("vocabulary-" + Hex.lowercase(key) + ".bin")
    }

    /// The payload stored under `key`, or nil when there is none or it is damaged.
    ///
    /// Read with `read(2)`: the header into a small buffer, the payload straight into the
    /// array returned, instead of the whole file as `Data`, copied to an array, and the
    /// payload copied out of that (two copies of ~4 MB each start-up).
    func load(key: [UInt8]) -> [UInt8]? {
        let fd = open(file(key).path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        let header = Self.magic.count + key.count + 16
        guard fstat(fd, &st) == 0, Int(st.st_size) >= header else { return nil }
        var head = [UInt8](repeating: 0, count: header)
        guard Self.readExactly(fd, into: &head) else { return nil }
        guard head[0..<Self.magic.count].elementsEqual(Self.magic),
              head[Self.magic.count..<(Self.magic.count + key.count)].elementsEqual(key) else { return nil }
        let length = Self.word(head, at: Self.magic.count + key.count)
        let sum = Self.word(head, at: Self.magic.count + key.count + 8)
        guard length == UInt64(Int(st.st_size) - header) else { return nil }
        let payload = [UInt8](unsafeUninitializedCapacity: Int(length)) { buf, initialized in
            guard let base = buf.baseAddress else { return }
            initialized = Self.readExactly(fd, into: base, count: buf.count) ? buf.count : 0
        }
        guard payload.count == Int(length) else { return nil }
        return Self.checksum(payload) == sum ? payload : nil
    }

    /// Fills `bytes` from `fd` (false when the file ends first or a read fails).
    private static func readExactly(_ fd: Int32, into bytes: inout [UInt8]) -> Bool {
        bytes.withUnsafeMutableBufferPointer { buf in
            guard let base = buf.baseAddress else { return true }
            return readExactly(fd, into: base, count: buf.count)
        }
    }

    /// Reads exactly `count` bytes from `fd` to `base`, retrying on EINTR.
    private static func readExactly(_ fd: Int32, into base: UnsafeMutablePointer<UInt8>, count: Int) -> Bool {
        var done = 0
        while done < count {
            let n = read(fd, base + done, count - done)
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return false }
            done += n
        }
        return true
    }

    /// Writes `payload` under `key` (atomically; failures ignored).
    func store(_ payload: [UInt8], key: [UInt8]) {
        var bytes = Self.magic + key
        withUnsafeBytes(of: UInt64(payload.count).littleEndian) { bytes += $0 }
        withUnsafeBytes(of: Self.checksum(payload).littleEndian) { bytes += $0 }
        bytes += payload
        let target = file(key)
        let temp = directory.appendingPathComponent(".vocabulary-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tmp")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(bytes).write(to: temp)
            guard rename(temp.path, target.path) == 0 else { throw CocoaError(.fileWriteUnknown) }
        } catch {
            try? FileManager.default.removeItem(at: temp)
            return
        }
        removeStale(keeping: target.lastPathComponent)
    }

    /// Removes other compiled vocabularies not written for a day.
    private func removeStale(keeping name: String) {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: directory.path) else { return }
        let dayAgo = Date().addingTimeInterval(-86_400)
        for other in names where other != name && other.hasPrefix("vocabulary-") && other.hasSuffix(".bin") {
            let path = directory.appendingPathComponent(other).path
            if let date = (try? fm.attributesOfItem(atPath: path))?[.modificationDate] as? Date, date < dayAgo {
                try? fm.removeItem(atPath: path)
            }
        }
    }

    private static func word(_ bytes: [UInt8], at i: Int) -> UInt64 {
        var v: UInt64 = 0
        for k in 0..<8 { v |= UInt64(bytes[i + k]) << UInt64(8 * k) }
        return v
    }

    /// A fast 64-bit checksum: catches a truncated, overwritten or bit-flipped file; the key,
    /// not this, decides which file is current. FNV-1a over 8-byte words in four lanes (words
    /// 0, 4, 8… in the first, 1, 5, 9… in the second, and so on), then the last words and bytes
    /// in the first lane and the four lanes folded into one. Four independent multiply chains
    /// instead of one: the single chain waited on each multiply (~4 cycles every 8 bytes of a
    /// 4 MB file) and was 4.4 M of start-up's instructions under callgrind; this is ~1.5 M (figures
    /// in the commit). A flipped bit changes its lane's value and so the fold.
    static func checksum(_ bytes: [UInt8]) -> UInt64 {
        let prime: UInt64 = 0x0000_0100_0000_01B3
        var h0: UInt64 = 0xCBF2_9CE4_8422_2325, h1 = h0 ^ 1, h2 = h0 ^ 2, h3 = h0 ^ 3
        bytes.withUnsafeBytes { raw in
            var i = 0
            while i + 32 <= raw.count {
                h0 = (h0 ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* prime
                h1 = (h1 ^ raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)) &* prime
                h2 = (h2 ^ raw.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self)) &* prime
                h3 = (h3 ^ raw.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self)) &* prime
                i += 32
            }
            while i + 8 <= raw.count {
                h0 = (h0 ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* prime
                i += 8
            }
            while i < raw.count { h0 = (h0 ^ UInt64(raw[i])) &* prime; i += 1 }
        }
        var h = (h0 ^ h1) &* prime
        h = (h ^ h2) &* prime
        return (h ^ h3) &* prime
    }
}
