import Foundation

/// The target a libFuzzer build runs, chosen once from `$CHORUS_FUZZ_TARGET`.
let selectedTarget: FuzzTarget? = ProcessInfo.processInfo.environment["CHORUS_FUZZ_TARGET"].flatMap(FuzzTarget.init(rawValue:))

/// libFuzzer's entry point (used when built with `-sanitize=fuzzer`; see scripts/fuzz).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let target = selectedTarget else {
        FileHandle.standardError.write(Data(("chorus-fuzz: set CHORUS_FUZZ_TARGET to one of \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", "))\n").utf8))
        exit(64)
    }
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    target.run(bytes)
    return 0
}
