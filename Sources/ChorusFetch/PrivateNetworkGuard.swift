import Foundation

/// The SSRF guard behind `deny_private_networks`: decides whether an address that DNS
/// returned (or that a connection uses) is loopback, private, link-local or otherwise not a
/// public unicast address. Embedded IPv4 (mapped, NAT64, 6to4) is judged as IPv4.
public enum PrivateNetworkGuard {
    /// IPv4 blocks that are not public unicast (RFC 6890 and friends): (network, prefix length).
    static let ipv4Blocks: [(UInt32, Int)] = [
        (0x0000_0000, 8),  // "this network"
        (0x0A00_0000, 8),  // RFC 1918
        (0x6440_0000, 10), // CGNAT, RFC 6598
        (0x7F00_0000, 8),  // loopback
        (0xA9FE_0000, 16), // link-local
        (0xAC10_0000, 12), // RFC 1918
        (0xC000_0000, 24), // IETF protocol assignments
        (0xC000_0200, 24), // TEST-NET-1
        (0xC058_6300, 24), // 6to4 relay anycast
        (0xC0A8_0000, 16), // RFC 1918
        (0xC612_0000, 15), // benchmarking
        (0xC633_6400, 24), // TEST-NET-2
        (0xCB00_7100, 24), // TEST-NET-3
        (0xE000_0000, 4),  // multicast
        (0xF000_0000, 4),  // reserved, broadcast
    ]

    /// True when the IPv4 address (host byte order) must be refused.
    public static func isBlocked(ipv4 address: UInt32) -> Bool {
        ipv4Blocks.contains { network, bits in
            let mask: UInt32 = bits == 0 ? 0 : ~UInt32(0) << (32 - bits)
            return address & mask == network
        }
    }

    /// True when the 16-byte IPv6 address must be refused.
    public static func isBlocked(ipv6 b: [UInt8]) -> Bool {
        guard b.count == 16 else { return true }
        func v4(_ at: Int) -> UInt32 {
            UInt32(b[at]) << 24 | UInt32(b[at + 1]) << 16 | UInt32(b[at + 2]) << 8 | UInt32(b[at + 3])
        }
        if b[0..<15].allSatisfy({ $0 == 0 }) { return true } // :: and ::1
        if b[0..<10].allSatisfy({ $0 == 0 }) && b[10] == 0xFF && b[11] == 0xFF { return isBlocked(ipv4: v4(12)) } // ::ffff:a.b.c.d
        if b[0..<12].allSatisfy({ $0 == 0 }) { return true } // deprecated IPv4-compatible
        if b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B && b[4..<12].allSatisfy({ $0 == 0 }) {
            return isBlocked(ipv4: v4(12)) // NAT64 64:ff9b::/96
        }
        if b[0] == 0x20 && b[1] == 0x02 { return isBlocked(ipv4: v4(2)) } // 6to4 2002::/16
        if b[0] & 0xFE == 0xFC { return true } // ULA fc00::/7
        if b[0] == 0xFE && b[1] & 0xC0 == 0x80 { return true } // link-local fe80::/10
        if b[0] == 0xFE && b[1] & 0xC0 == 0xC0 { return true } // site-local fec0::/10
        if b[0] == 0xFF { return true } // multicast
        if b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8 { return true } // documentation
        if b[0] == 0x01 && b[1] == 0x00 && b[2..<8].allSatisfy({ $0 == 0 }) { return true } // discard 100::/64
        return false
    }

    /// Parses a numeric IPv4 or IPv6 address (as libcurl reports it) and judges it; an
    /// unparseable address is refused.
    public static func isBlocked(address: String) -> Bool {
        if let v4 = parseIPv4(address) { return isBlocked(ipv4: v4) }
        if let v6 = parseIPv6(address) { return isBlocked(ipv6: v6) }
        return true
    }

    /// Dotted-quad IPv4 to a host-order integer.
    static func parseIPv4(_ text: String) -> UInt32? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var value: UInt32 = 0
        for part in parts {
            guard !part.isEmpty, part.count <= 3, let n = UInt32(part), n <= 255 else { return nil }
            value = value << 8 | n
        }
        return value
    }

    /// Textual IPv6 (with `::` and an optional dotted IPv4 tail, zone id ignored) to 16 bytes.
    static func parseIPv6(_ input: String) -> [UInt8]? {
        var text = Substring(input)
        if text.hasPrefix("[") && text.hasSuffix("]") { text = text.dropFirst().dropLast() }
        if let pct = text.firstIndex(of: "%") { text = text[..<pct] }
        guard text.contains(":") else { return nil }
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        func groups(_ s: String) -> [UInt8]? {
            if s.isEmpty { return [] }
            var bytes: [UInt8] = []
            let items = s.split(separator: ":", omittingEmptySubsequences: false)
            for (i, item) in items.enumerated() {
                if i == items.count - 1, item.contains(".") {
                    guard let v4 = parseIPv4(String(item)) else { return nil }
                    bytes += [UInt8(v4 >> 24), UInt8(v4 >> 16 & 0xFF), UInt8(v4 >> 8 & 0xFF), UInt8(v4 & 0xFF)]
                } else {
                    guard !item.isEmpty, item.count <= 4, let g = UInt16(item, radix: 16) else { return nil }
                    bytes += [UInt8(g >> 8), UInt8(g & 0xFF)]
                }
            }
            return bytes
        }
        guard let head = groups(halves[0]) else { return nil }
        if halves.count == 1 { return head.count == 16 ? head : nil }
        guard let tail = groups(halves[1]), head.count + tail.count < 16 else { return nil }
        return head + [UInt8](repeating: 0, count: 16 - head.count - tail.count) + tail
    }
}
