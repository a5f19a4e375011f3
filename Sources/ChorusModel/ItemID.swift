public import Foundation

/// Derives an item's stable `id`: the first 128 bits of SHA-256, in hex, over
/// `namespace LF scope LF key`, where namespace is the platform's id namespace (all feed
/// formats share `feed`). The recipe is part of the schema contract (docs/schema.md).
public enum ItemID {
    /// The id for a platform post or feed entry whose native key is known.
    /// - Parameters:
    ///   - key: the native identity (guid, atom:id, post URI, platform id as a string).
    ///   - scope: narrows a key that is only unique locally (a bare guid like "42" within its feed);
    ///     nil or empty for globally unique keys.
    public static func make(platform: Platform, key: String, scope: String? = nil) -> String {
        digest([platform.idNamespace, scope ?? "", key])
    }

    /// The id for a feed entry, following the documented fallbacks: the native id (scoped by the
    /// feed when it is not URL/URN/tag-like), else the permalink, else title plus published date.
    public static func forFeedEntry(
        platform: Platform, nativeID: String?, url: String?, title: String?, published: Date?, feedScope: String?
    ) -> String {
        if let nativeID, !nativeID.isEmpty {
            let global = nativeID.utf8.contains(UInt8(ascii: ":"))
            return make(platform: platform, key: nativeID, scope: global ? nil : (feedScope ?? ""))
        }
        if let url, !url.isEmpty {
            return digest([platform.idNamespace, "url", url])
        }
        let date = published.map(RFC3339.format) ?? ""
        return digest([platform.idNamespace, "title", feedScope ?? "", title ?? "", date])
    }

    /// Hex of the first 16 bytes of SHA-256 over `parts` joined by LF, built on the stack.
    private static func digest(_ parts: [String]) -> String {
        var length = parts.count - 1
        for part in parts { length += part.utf8.count }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(length, 1)) { material in
            var at = 0
            for (n, part) in parts.enumerated() {
                if n > 0 { material[at] = 0x0A; at += 1 }
                var part = part
                part.withUTF8 { utf8 in
                    guard !utf8.isEmpty else { return }
                    _ = UnsafeMutableBufferPointer(rebasing: material[at..<(at + utf8.count)]).update(fromContentsOf: utf8)
                    at += utf8.count
                }
            }
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { hash in
                SHA256.digest(UnsafeBufferPointer(rebasing: material[0..<at]), into: hash)
                let digits: StaticString = "0123456789abcdef"
                return digits.withUTF8Buffer { hex in
                    String(unsafeUninitializedCapacity: 32) { out in
                        for i in 0..<16 {
                            out[2 * i] = hex[Int(hash[i] >> 4)]
                            out[2 * i + 1] = hex[Int(hash[i] & 0x0f)]
                        }
                        return 32
                    }
                }
            }
        }
    }
}
