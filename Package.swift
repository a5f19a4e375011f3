// swift-tools-version:6.1
import PackageDescription

/// Strict settings shared by every Swift target.
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

// No `platforms:`: Chorus builds on Linux only (Glibc, libcurl opened with dlopen), which
// needs no minimum-version entry; it declares no Apple platform it was never built on.
let package = Package(
    name: "Chorus",
    products: [
        .executable(name: "chorus", targets: ["chorus"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
    ],
    targets: [
        // C libraries, seen by Swift only through the small wrappers in ChorusFetch and ChorusParse.
        // libcurl's headers only: CCurlShim opens the library with dlopen (no pkgConfig here,
        // since pkg-config's `-lcurl` would link it into every process).
        .systemLibrary(
            name: "CCurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // zlib, for gzip output files; seen only by ChorusOutput's GzipCompressor.
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),

        // ChorusFetch's only C door to libcurl: loads it with dlopen on first use (commands that
        // never fetch skip its start-up cost) and wraps the variadic calls (setopt/getinfo).
        .target(name: "CCurlShim", dependencies: ["CCurl"], linkerSettings: [.linkedLibrary("dl")]),
        // ChorusRun's only C door to libpq (a PostgreSQL state): dlopen on first use, like libcurl,
        // so a SQLite run and every other command never load it. Headers from Debian's libpq-dev.
        .target(name: "CPQShim", linkerSettings: [.linkedLibrary("dl")]),

        // ChorusParse's only C door to the inside of libxml2's structures (parser context fields,
        // entity records, errors): every struct field access, checked at compile time against the
        // libxml2 version range it was verified on. Its header uses plain C types (no ICU trap).
        .target(name: "CLibXML2Shim", dependencies: ["CLibXML2"]),

        // SHA-256 block compression with the x86 SHA instructions; ChorusModel.SHA256's only C door.
        .target(name: "CSHA256"),

        // The value types every stage shares: Item, Sentiment, ids, timestamps.
        .target(name: "ChorusModel", dependencies: ["CSHA256"], swiftSettings: strict),
        // Stage 1: HTTP through libcurl's multi interface.
        .target(
            name: "ChorusFetch",
            dependencies: ["CCurlShim", "ChorusModel", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),
        // Stage 2: feed formats and social API payloads to Items.
        .target(
            name: "ChorusParse",
            dependencies: ["CLibXML2", "CLibXML2Shim", "ChorusModel", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),
        // Stage 1b: platform connectors (requests, cursors, pagination) built on Fetch and Parse.
        .target(
            name: "ChorusConnectors",
            dependencies: ["ChorusFetch", "ChorusParse", "ChorusModel", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),
        // Stage 3: rule-based sentiment.
        .target(
            name: "ChorusSentiment",
            dependencies: ["ChorusModel", "Yams"],
            swiftSettings: strict
        ),
        // Stage 4: NDJSON encoding and durable files.
        .target(name: "ChorusOutput", dependencies: ["ChorusModel", "CZlib"], swiftSettings: strict),
        // The run: config, state, dedup, lock, ingest, preview.
        .target(
            name: "ChorusRun",
            dependencies: [
                "ChorusModel", "ChorusFetch", "ChorusParse", "ChorusConnectors", "ChorusSentiment", "ChorusOutput", "CPQShim",
                "Yams", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        // After the run: reads NDJSON output back into a report (HTML with SVG charts, Markdown, JSON).
        .target(name: "ChorusReport", dependencies: ["ChorusModel", "ChorusOutput"], swiftSettings: strict),
        // The thin executable: commands only.
        .executableTarget(
            name: "chorus",
            dependencies: [
                "ChorusModel", "ChorusFetch", "ChorusParse", "ChorusSentiment", "ChorusOutput", "ChorusRun", "ChorusReport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        // Fuzz targets for every entry point that reads outside input (scripts/fuzz, docs/fuzzing.md):
        // a libFuzzer binary when built with `--sanitize fuzzer -Xswiftc -DCHORUS_LIBFUZZER`, else
        // a replay and deterministic-mutation driver the tests run over the regression corpus.
        .executableTarget(
            name: "chorus-fuzz", dependencies: ["ChorusModel", "ChorusParse", "ChorusRun", "ChorusSentiment"],
            path: "Sources/ChorusFuzz", swiftSettings: strict
        ),
        // Loopback servers (nginx, Python fault/API servers) and paths for the tests.
        .target(name: "ChorusTestSupport", dependencies: ["ChorusOutput"], swiftSettings: strict),

        .testTarget(name: "ChorusModelTests", dependencies: ["ChorusModel", "ChorusTestSupport"], swiftSettings: strict),
        .testTarget(
            name: "ChorusFetchTests", dependencies: ["ChorusFetch", "ChorusTestSupport"],
            exclude: ["Fixtures"], swiftSettings: strict
        ),
        .testTarget(
            name: "ChorusParseTests", dependencies: ["ChorusParse", "ChorusOutput", "ChorusTestSupport"],
            exclude: ["Fixtures"], swiftSettings: strict
        ),
        .testTarget(name: "ChorusConnectorsTests", dependencies: ["ChorusConnectors", "ChorusTestSupport"], swiftSettings: strict),
        .testTarget(name: "ChorusSentimentTests", dependencies: ["ChorusSentiment", "ChorusOutput", "ChorusTestSupport"], exclude: ["Fixtures"], swiftSettings: strict),
        .testTarget(name: "ChorusOutputTests", dependencies: ["ChorusOutput", "ChorusTestSupport"], swiftSettings: strict),
        .testTarget(
            name: "ChorusReportTests", dependencies: ["ChorusReport", "ChorusOutput", "ChorusTestSupport"],
            exclude: ["Fixtures"], swiftSettings: strict
        ),
        .testTarget(
            name: "ChorusRunTests",
            dependencies: ["ChorusRun", "ChorusOutput", "ChorusConnectors", "ChorusModel", "ChorusTestSupport", .product(name: "GRDB", package: "GRDB.swift")],
            exclude: ["Fixtures"],
            swiftSettings: strict
        ),
        // Tests of the `chorus` executable: they run the built binary (`RepoPaths.chorusBinary`,
        // never a stale one) and check its output, files and exit codes.
        .testTarget(
            name: "ChorusCommandTests",
            dependencies: ["ChorusRun", "ChorusOutput", "ChorusTestSupport", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strict
        ),
    ]
)
