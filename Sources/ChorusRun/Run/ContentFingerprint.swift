import Foundation
import ChorusModel

/// The content identity of an item version: SHA-256 (first 128 bits, hex) over title, text,
/// url and updated_at. Two emissions of an id with equal fingerprints are the same version.
enum ContentFingerprint {
    static func of(_ item: Item) -> String {
        make(title: item.title, text: item.text, url: item.url, updatedAt: item.updatedAt.map(RFC3339.format))
    }

    /// From the fields as written in NDJSON (used when reconciling an uncommitted output file).
    static func make(title: String?, text: String?, url: String?, updatedAt: String?) -> String {
        var material: [UInt8] = []
        material.reserveCapacity((title?.utf8.count ?? 0) + (text?.utf8.count ?? 0) + (url?.utf8.count ?? 0) + 40)
        for part in [title, text, url, updatedAt] {
            if let part { material.append(contentsOf: part.utf8) }
            material.append(0x1f)
        }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { digest in
            material.withUnsafeBufferPointer { SHA256.digest($0, into: digest) }
            return Hex.lowercase(UnsafeBufferPointer(rebasing: digest[0..<16]))
        }
    }
}
