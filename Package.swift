// swift-tools-version: 6.2
import PackageDescription

let package = Package(
    name: "TrailMeter",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "trailmeter", targets: ["trailmeter"]),
        .library(name: "TrailMeterCore", targets: ["TrailMeterCore"]),
        .library(name: "SQLite", targets: ["SQLite"]),
        .library(name: "CloudTrail", targets: ["CloudTrail"]),
        .library(name: "TrailStore", targets: ["TrailStore"]),
        .library(name: "QueryEngine", targets: ["QueryEngine"]),
        .library(name: "Pricing", targets: ["Pricing"]),
        .library(name: "Metering", targets: ["Metering"]),
        .library(name: "Planning", targets: ["Planning"]),
        .library(name: "Reporting", targets: ["Reporting"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // C libraries from Debian's -dev packages.
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CDeflate", pkgConfig: "libdeflate", providers: [.apt(["libdeflate-dev"])]),
        .systemLibrary(name: "CXXHash", pkgConfig: "libxxhash", providers: [.apt(["libxxhash-dev"])]),
        .systemLibrary(
            name: "CMurmurHash", pkgConfig: "libmurmurhash", providers: [.apt(["libmurmurhash-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CPCRE2", pkgConfig: "libpcre2-8", providers: [.apt(["libpcre2-dev"])]),
        .systemLibrary(name: "COpenSSL", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),

        // The bottom target: concepts more than one module needs (civil dates, CSV, byte sizes,
        // source locations, whole-file reading). Foundation only; every other target may import it.
        .target(name: "TrailMeterCore"),
        // libdeflate's whole-buffer gzip and raw DEFLATE, shared by the log reader and the store;
        // zlib's streaming gunzip for log files too large to decompress whole.
        .target(name: "Deflate", dependencies: ["CDeflate", "CZlib"]),
        // PCRE2's regular expressions matched under a deadline and a memory bound; the only door to CPCRE2.
        .target(name: "PatternMatching", dependencies: ["CPCRE2"]),
        // The only door to SQLite's C API: connections, statements, transactions, the authorizer,
        // SQL functions and virtual tables. No other target imports CSQLite.
        .target(name: "SQLite", dependencies: ["CSQLite"]),
        // The JSON scanner's byte loops (strings, skipped values, compacting copy) in C: SSE2/AVX2 on x86_64.
        .target(name: "CJSONScan"),
        // CloudTrail log files: event model, reading (gzip, JSON), S3 key layout, sample generator.
        .target(name: "CloudTrail", dependencies: ["TrailMeterCore", "Deflate", "CXXHash", "CJSONScan"]),
        // The store file: raw-file catalog and time-segmented columnar chunks; ingest and inspect.
        .target(name: "TrailStore", dependencies: ["TrailMeterCore", "Deflate", "CloudTrail", "SQLite", "CXXHash"]),
        // Athena (Trino) and CloudTrail Lake SQL translated for SQLite; SQL functions; read-only guard.
        // OpenSSL's libcrypto for the digests and HMACs of Trino's varbinary functions.
        .target(
            name: "QueryEngine",
            dependencies: [
                "TrailMeterCore", "SQLite", "CloudTrail", "PatternMatching", "COpenSSL", "CXXHash", "CMurmurHash",
                "CZlib",
            ]),
        // Editable pricing tables, billing rules and money.
        .target(name: "Pricing", dependencies: ["TrailMeterCore"]),
        // The two layouts as metered SQLite virtual tables; ScanMeasurement per layout.
        .target(
            name: "Metering",
            dependencies: ["TrailMeterCore", "TrailStore", "QueryEngine", "CloudTrail", "SQLite"]),
        // Scenario and workload files, sample measurements, and the monthly projection priced per layout.
        .target(
            name: "Planning",
            dependencies: [
                "TrailMeterCore", "Pricing", "Metering", "TrailStore", "QueryEngine", "CloudTrail",
                .product(name: "Yams", package: "Yams"),
            ]),
        // The comparison rendered: terminal table, finance CSV, Markdown, HTML with SVG charts; written whole.
        .target(name: "Reporting", dependencies: ["TrailMeterCore", "Planning", "Pricing"]),

        .executableTarget(
            name: "trailmeter",
            dependencies: [
                "TrailMeterCore", "CloudTrail", "TrailStore", "QueryEngine", "Pricing", "Metering", "Planning",
                "Reporting", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // Helpers the test targets share (running the built binary).
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "SQLiteTests", dependencies: ["SQLite"]),
        .testTarget(name: "PatternMatchingTests", dependencies: ["PatternMatching"]),
        .testTarget(name: "CloudTrailTests", dependencies: ["CloudTrail", "Deflate", "TestSupport", "CJSONScan"]),
        .testTarget(name: "TrailStoreTests", dependencies: ["TrailStore", "CloudTrail", "Deflate", "TestSupport"]),
        .testTarget(
            name: "QueryEngineTests", dependencies: ["QueryEngine", "SQLite", "CloudTrail", "TestSupport"],
            exclude: ["Fixtures"]),
        .testTarget(
            name: "MeteringTests",
            dependencies: ["Metering", "TrailStore", "QueryEngine", "CloudTrail", "SQLite", "TestSupport"],
            exclude: ["Golden"]),
        .testTarget(
            name: "PlanningTests",
            dependencies: [
                "Planning", "Pricing", "Metering", "TrailStore", "QueryEngine", "CloudTrail", "TestSupport",
            ],
            exclude: ["Golden", "Fixtures"]),
        .testTarget(
            name: "ReportingTests",
            dependencies: ["Reporting", "Planning", "Pricing", "TrailMeterCore", "TestSupport"],
            exclude: ["Golden", "Fixtures"]),
        .testTarget(name: "TrailMeterCoreTests", dependencies: ["TrailMeterCore", "TestSupport"]),
        .testTarget(
            name: "PricingTests", dependencies: ["Pricing", "TrailMeterCore", "TestSupport"],
            resources: [.copy("Fixtures")]),
    ],
    swiftLanguageModes: [.v6]
)

// Fuzz targets (Fuzz/), declared only when scripts/fuzz builds them (TRAILMETER_FUZZ=1), so that
// `swift build` and `swift test` never compile them. Each exports libFuzzer's entry point.
if Context.environment["TRAILMETER_FUZZ"] == "1" {
    let fuzzTargets: [(name: String, dependencies: [Target.Dependency])] = [
        ("log", ["CloudTrail"]),
        ("sql", ["QueryEngine", "SQLite", "CloudTrail"]),
        ("scenario", ["Planning"]),
        ("history", ["Planning"]),
        ("listing", ["TrailStore"]),
        ("pricing", ["Pricing"]),
    ]
    // The libFuzzer hand-over every target shares.
    package.targets.append(.target(name: "LibFuzzerDriver", path: "Fuzz/driver"))
    for (name, dependencies) in fuzzTargets {
        package.targets.append(
            .executableTarget(
                name: "trailmeter-fuzz-\(name)", dependencies: dependencies + ["LibFuzzerDriver"], path: "Fuzz/\(name)")
        )
        package.products.append(.executable(name: "trailmeter-fuzz-\(name)", targets: ["trailmeter-fuzz-\(name)"]))
    }
}

// Every warning in the project's own code is an error (dependencies keep their own settings).
for target in package.targets where target.type != .system {
    target.swiftSettings = (target.swiftSettings ?? []) + [.treatAllWarnings(as: .error)]
}
