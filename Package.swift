// swift-tools-version: 6.2
import PackageDescription

/// One settings list for every target, as hummingbird does: explicit `any`,
/// imports that only expose what a file names, and imports internal unless
/// marked `public import`, so a module's public surface says what it
/// re-exposes.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "MicroFund",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "microfund", targets: ["microfund"]),
        .library(name: "MicroFundLedger", targets: ["MicroFundLedger"]),
        .library(name: "MicroFundSQLite", targets: ["MicroFundSQLite"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.81.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.3.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    ],
    targets: [
        // Layer 0: the system OpenSSL (libssl-dev), with shims for what Swift cannot import.
        .systemLibrary(
            name: "COpenSSL",
            pkgConfig: "openssl",
            providers: [.apt(["libssl-dev"]), .brew(["openssl@3"])]
        ),
        // Layer 1: the only importer of COpenSSL. Ed25519, SHA-256, PEM.
        .target(
            name: "MicroFundCrypto",
            dependencies: ["COpenSSL"],
            swiftSettings: swiftSettings
        ),
        // Layer 2: the pure ledger core. No files, SQL, HTTP or clocks.
        .target(
            name: "MicroFundLedger",
            dependencies: ["MicroFundCrypto"],
            swiftSettings: swiftSettings
        ),
        // Layer 3: the matching engine, pure like the core: offers x needs in,
        // an optimal, explained allocation out.
        .target(
            name: "MicroFundMatching",
            dependencies: ["MicroFundLedger"],
            swiftSettings: swiftSettings
        ),
        // Layer 3: reports, pure: a ledger snapshot in, reports and
        // renderings (text, CSV, JSON, HTML, hledger, beancount) out.
        .target(
            name: "MicroFundReports",
            dependencies: ["MicroFundLedger", "MicroFundCrypto"],
            swiftSettings: swiftSettings
        ),
        // Layer 3: the store protocol and the one write path every front end uses.
        .target(
            name: "MicroFundStore",
            dependencies: ["MicroFundLedger", "MicroFundCrypto"],
            swiftSettings: swiftSettings
        ),
        // Layer 3: the embedded default store (SQLite through GRDB).
        .target(
            name: "MicroFundSQLite",
            dependencies: [
                "MicroFundStore", "MicroFundLedger", "MicroFundCrypto",
                .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's C API, for reading blobs straight out of a statement.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        // Layer 4: use cases and wire types both front ends share (report
        // points, report sources, checkpoints, proofs, outcomes): no HTTP, no SQL.
        .target(
            name: "MicroFundService",
            dependencies: ["MicroFundStore", "MicroFundLedger", "MicroFundCrypto", "MicroFundReports", "MicroFundMatching"],
            swiftSettings: swiftSettings
        ),
        // Layer 5: the HTTP front end (Hummingbird 2): the /v1 JSON API,
        // problem+json errors, limits, request logs and metrics.
        .target(
            name: "MicroFundServer",
            dependencies: [
                "MicroFundService", "MicroFundStore", "MicroFundLedger", "MicroFundCrypto", "MicroFundReports", "MicroFundMatching",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: swiftSettings
        ),
        // Layer 5: the remote gateway the CLI uses with --server
        // (async-http-client): envelopes signed locally go out, answers come back.
        .target(
            name: "MicroFundClient",
            dependencies: [
                "MicroFundService", "MicroFundStore", "MicroFundLedger", "MicroFundCrypto",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // Layer 5: the command-line front end, a library so tests can drive it.
        .target(
            name: "MicroFundCLI",
            dependencies: [
                "MicroFundSQLite", "MicroFundService", "MicroFundServer", "MicroFundClient", "MicroFundStore", "MicroFundLedger", "MicroFundCrypto", "MicroFundMatching", "MicroFundReports",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "microfund",
            dependencies: ["MicroFundCLI"],
            swiftSettings: swiftSettings
        ),
        // Shared test fixtures (not a product): signed histories with fixed keys.
        .target(
            name: "MicroFundTestSupport",
            dependencies: ["MicroFundLedger", "MicroFundCrypto"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "MicroFundCryptoTests",
            dependencies: ["MicroFundCrypto"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "MicroFundLedgerTests",
            dependencies: ["MicroFundLedger", "MicroFundCrypto", "MicroFundTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "MicroFundMatchingTests",
            dependencies: ["MicroFundMatching", "MicroFundLedger", "MicroFundCrypto", "MicroFundTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "MicroFundReportsTests",
            dependencies: ["MicroFundReports", "MicroFundLedger"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "MicroFundSQLiteTests",
            dependencies: ["MicroFundSQLite", "MicroFundStore", "MicroFundLedger", "MicroFundCrypto", "MicroFundTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "MicroFundServerTests",
            dependencies: [
                "MicroFundServer", "MicroFundService", "MicroFundLedger", "MicroFundMatching", "MicroFundCrypto", "MicroFundTestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "MicroFundCLITests",
            dependencies: ["MicroFundCLI", "MicroFundService", "MicroFundServer", "MicroFundClient", "MicroFundSQLite", "MicroFundStore", "MicroFundLedger", "MicroFundCrypto", "MicroFundMatching", "MicroFundReports", "MicroFundTestSupport"],
            swiftSettings: swiftSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
