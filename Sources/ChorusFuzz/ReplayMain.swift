#if !CHORUS_LIBFUZZER
import Foundation

/// Without libFuzzer (a normal build): `chorus-fuzz TARGET FILE|DIR...` runs each input once
/// (the regression corpus in the tests), and `chorus-fuzz TARGET --mutate N [--seed S] DIR...`
/// runs N deterministic mutations of the inputs (byte flips, truncation, splicing, token
/// insertion): the fallback driver where libFuzzer is unavailable. Exit 0 when every input ran.
@main
struct ReplayMain {
    static func main() {
        var args = Array(CommandLine.arguments.dropFirst())
        guard let name = args.first, let target = FuzzTarget(rawValue: name) else {
            FileHandle.standardError.write(Data(("usage: chorus-fuzz TARGET [--mutate N] [--seed S] FILE|DIR...\ntargets: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: " "))\n").utf8))
            exit(64)
        }
        args.removeFirst()
        var mutations = 0
        var seed: UInt64 = 1
        var paths: [String] = []
        var i = 0
        while i < args.count {
            if args[i] == "--mutate", i + 1 < args.count { mutations = Int(args[i + 1]) ?? 0; i += 2; continue }
            if args[i] == "--seed", i + 1 < args.count { seed = UInt64(args[i + 1]) ?? 1; i += 2; continue }
            paths.append(args[i])
            i += 1
        }
        let inputs = Corpus.files(paths).compactMap { FileManager.default.contents(atPath: $0).map { [UInt8]($0) } }
        for input in inputs { target.run(input) }
        if mutations > 0 {
            var mutator = Mutator(seed: seed, corpus: inputs.isEmpty ? [[]] : inputs)
            for _ in 0..<mutations { target.run(mutator.next()) }
        }
        print("chorus-fuzz: \(target.rawValue): \(inputs.count) inputs, \(mutations) mutations, no crash")
    }
}
#endif
