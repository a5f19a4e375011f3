import Foundation
import Testing
@testable import ChorusModel

@Suite("Hex")
struct HexTests {
    @Test("Every byte value gives the two lower-case digits printf gives")
    func everyByte() {
        let all = (0...255).map { UInt8($0) }
        #expect(Hex.lowercase(all) == all.map { String(format: "%02x", $0) }.joined())
    }

    @Test("Slices, buffers and the empty collection")
    func collections() {
        let digest = SHA256.hash(Array("abc".utf8))
        #expect(Hex.lowercase(digest.prefix(4)) == "ba7816bf")
        #expect(Hex.lowercase(digest.dropFirst(30)) == "15ad")
        #expect(digest.withUnsafeBufferPointer { Hex.lowercase($0) } == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Hex.lowercase([UInt8]()) == "")
    }
}
