import ChorusTestSupport
import Foundation
import Testing
@testable import ChorusModel

/// SHA-256 through both engines (the CPU's SHA instructions and portable Swift): the FIPS 180-4
/// vectors, every length around the block and padding boundaries, and messages split into
/// parts at every kind of boundary must give the same digest.
@Suite("SHA-256 engines")
struct SHA256Tests {
    static func hex(_ message: [UInt8], parts cuts: [Int] = [], engine: SHA256.Engine) -> String {
        var out = [UInt8](repeating: 0, count: 32)
        message.withUnsafeBufferPointer { m in
            var parts: [UnsafeBufferPointer<UInt8>] = []
            var from = 0
            for cut in cuts + [m.count] {
                parts.append(UnsafeBufferPointer(rebasing: m[from..<cut]))
                from = cut
            }
            out.withUnsafeMutableBufferPointer { SHA256.digest(parts: parts, into: $0, engine: engine) }
        }
        return out.map { String(format: "%02x", $0) }.joined()
    }

    @Test("FIPS 180-4 vectors, both engines", arguments: [SHA256.Engine.portable, .best])
    func vectors(engine: SHA256.Engine) {
        #expect(Self.hex(Array("abc".utf8), engine: engine) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Self.hex([], engine: engine) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        let two = Array("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu".utf8)
        #expect(Self.hex(two, engine: engine) == "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")
        let million = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(Self.hex(million, engine: engine) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("Every length from 0 to 300 bytes: the engines agree, whole or split in parts")
    func enginesAgree() {
        var rng = SeededGenerator(seed: 0x5eed)
        for length in 0...300 {
            let message = (0..<length).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            let portable = Self.hex(message, engine: .portable)
            #expect(Self.hex(message, engine: .best) == portable, "length \(length)")
            if length > 2 {
                let a = Int(rng.next() % UInt64(length)), b = Int(rng.next() % UInt64(length))
                let cuts = [min(a, b), max(a, b)]
                #expect(Self.hex(message, parts: cuts, engine: .best) == portable, "length \(length) cut at \(cuts)")
                #expect(Self.hex(message, parts: cuts, engine: .portable) == portable, "length \(length) cut at \(cuts)")
            }
        }
    }

    @Test("Empty parts and parts that end exactly on block boundaries")
    func awkwardParts() {
        let message = (0..<200).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let whole = Self.hex(message, engine: .portable)
        for cuts in [[0, 0, 64], [64, 128], [63, 64, 65], [1, 127, 128, 200]] {
            #expect(Self.hex(message, parts: cuts, engine: .best) == whole, "\(cuts)")
        }
    }

    #if arch(x86_64) && os(Linux)
    @Test("The SHA instructions are used exactly when the CPU reports them")
    func detection() throws {
        let cpuinfo = try String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)
        let flags = cpuinfo.split(separator: "\n").first { $0.hasPrefix("flags") }.map { Set($0.split(separator: " ")) } ?? []
        #expect(SHA256.isAccelerated == (flags.contains("sha_ni") && flags.contains("ssse3") && flags.contains("sse4_1")))
    }
    #endif
}
