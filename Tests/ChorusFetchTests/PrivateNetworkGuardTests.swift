@testable import ChorusFetch
import Testing

/// The address rules behind `deny_private_networks`.
@Suite("Private network guard")
struct PrivateNetworkGuardTests {
    @Test("loopback, private, link-local, CGNAT, ULA and other special addresses are refused", arguments: [
        "127.0.0.1", "127.255.0.9", "10.0.0.1", "10.255.255.255", "172.16.0.1", "172.31.255.254", "192.168.1.1",
        "169.254.169.254", "100.64.0.1", "100.127.255.255", "0.0.0.0", "192.0.0.8", "198.18.0.1", "224.0.0.1",
        "255.255.255.255", "240.0.0.1", "192.0.2.7",
        "::1", "::", "fe80::1", "fc00::1", "fd12:3456::1", "fec0::1", "ff02::1", "::ffff:127.0.0.1",
        "::ffff:10.1.2.3", "64:ff9b::a9fe:a9fe", "2002:c0a8:0101::1", "2001:db8::1", "[::1]", "fe80::1%eth0",
        "not-an-address", "",
    ])
    func refused(address: String) {
        #expect(PrivateNetworkGuard.isBlocked(address: address))
    }

    @Test("public unicast addresses are allowed", arguments: [
        "1.1.1.1", "8.8.8.8", "93.184.216.34", "172.15.255.255", "172.32.0.1", "100.63.255.255", "100.128.0.1",
        "169.253.1.1", "192.169.0.1", "11.0.0.1",
        "2606:4700:4700::1111", "2a00:1450:4001:82a::200e", "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:0808:0808::1",
    ])
    func allowed(address: String) {
        #expect(!PrivateNetworkGuard.isBlocked(address: address))
    }

    @Test("IPv6 text forms parse to the same bytes", arguments: [
        ("::1", [UInt8](repeating: 0, count: 15) + [1]),
        ("1::", [0, 1] + [UInt8](repeating: 0, count: 14)),
        ("::ffff:1.2.3.4", [UInt8](repeating: 0, count: 10) + [0xFF, 0xFF, 1, 2, 3, 4]),
        ("2001:db8:0:0:0:0:0:1", [0x20, 0x01, 0x0D, 0xB8] + [UInt8](repeating: 0, count: 11) + [1]),
    ])
    func ipv6Parsing(text: String, bytes: [UInt8]) {
        #expect(PrivateNetworkGuard.parseIPv6(text) == bytes)
    }

    @Test("malformed IPv6 and IPv4 are rejected by the parsers", arguments: ["1:::2", "1::2::3", "12345::", "1:2:3:4:5:6:7:8:9", "g::1"])
    func malformedIPv6(text: String) {
        #expect(PrivateNetworkGuard.parseIPv6(text) == nil)
    }

    @Test("malformed dotted quads are rejected", arguments: ["1.2.3", "1.2.3.4.5", "256.1.1.1", "1..2.3", "a.b.c.d", "01234.1.1.1"])
    func malformedIPv4(text: String) {
        #expect(PrivateNetworkGuard.parseIPv4(text) == nil)
    }
}
