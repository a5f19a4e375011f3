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
        for part in [title, text, url, updatedAt] {
            material.append(contentsOf: (part ?? "").utf8)
            material.append(0x1f)
        }
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(32)
        for byte in SHA256.hash(material).prefix(16) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: hex, as: UTF8.self)
    }
}
