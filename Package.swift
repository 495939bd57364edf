// swift-tools-version:6.0
import PackageDescription

// Layers, one target each, imports one-way:
//   AdscanNormalize ─ AdscanRules ─ AdscanMatch ─ AdscanContext ─┐
//   AdscanReader ─────────────────────────────────────────────────┴─ AdscanEngine ─┐
//   AdscanModel (shared value types) ──────────────────────────── AdscanReport ───┴─ adscan (CLI)
// ICU is reached only through CICUShim, whose public header has no ICU types, so Swift
// modules that also load Foundation never see two ICU header sets.
// Hot loops keep all mutable state in per-thread scratch objects; dynamic exclusivity checks on
// them cost ~5% of a scan, so release builds of the scanning layers turn them off.
let hot: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]

let package = Package(
    name: "adscan",
    products: [
        .executable(name: "adscan", targets: ["adscan"]),
        // for embedding: the engine, and the reader and reporters around it (README, "Embedding adscan")
        .library(name: "AdscanKit", targets: ["AdscanEngine", "AdscanModel", "AdscanRules", "AdscanMatch", "AdscanContext",
                                              "AdscanReader", "AdscanReport"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
    ],
    targets: [
        .systemLibrary(name: "CPCRE2", pkgConfig: "libpcre2-8", providers: [.apt(["libpcre2-dev"])]),
        .systemLibrary(name: "CICU", pkgConfig: "icu-i18n", providers: [.apt(["libicu-dev"])]),
        .target(name: "CICUShim", dependencies: ["CICU"]),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .target(name: "CCrawlShim", dependencies: ["CLibXML2", "CZlib"]),
        .target(name: "AdscanModel"),
        // the default rule pack, embedded from lexicons/*.yaml at build time
        .executableTarget(name: "adscan-embed-lexicons"),
        .plugin(name: "EmbedLexicons", capability: .buildTool(), dependencies: ["adscan-embed-lexicons"]),
        .target(name: "AdscanDefaultPack", plugins: ["EmbedLexicons"]),
        .target(name: "AdscanNormalize", dependencies: ["CICUShim"], swiftSettings: hot),
        .target(name: "AdscanRules", dependencies: ["AdscanModel", "AdscanNormalize", "Yams"]),
        .target(name: "AdscanMatch", dependencies: ["AdscanModel", "AdscanNormalize", "AdscanRules", "CPCRE2", "CICUShim"], swiftSettings: hot),
        .target(name: "AdscanContext", dependencies: ["AdscanModel", "AdscanRules", "AdscanMatch"], swiftSettings: hot),
        .target(name: "AdscanReader", dependencies: ["AdscanModel", "AdscanNormalize", "CCrawlShim", "CICUShim"], swiftSettings: hot),
        // one record in, a finished ScannedRecord out: matching, evasion pass, context, suppression
        .target(name: "AdscanEngine", dependencies: ["AdscanModel", "AdscanNormalize", "AdscanRules", "AdscanMatch", "AdscanContext", "AdscanReader",
                                                     "AdscanDefaultPack"], swiftSettings: hot),
        .target(name: "AdscanReport", dependencies: ["AdscanModel"]),
        .executableTarget(
            name: "adscan",
            dependencies: [
                "AdscanModel", "AdscanReader", "AdscanRules", "AdscanMatch", "AdscanEngine", "AdscanReport", "AdscanDefaultPack",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        // writes Sources/AdscanNormalize/FoldTableData.swift from the system ICU
        .executableTarget(name: "adscan-fold-tables", dependencies: ["AdscanNormalize"]),
        .executableTarget(
            name: "adscan-microbench",
            dependencies: ["AdscanNormalize", "AdscanRules", "AdscanMatch", "AdscanContext", "AdscanEngine"],
            path: "bench/microbench", swiftSettings: hot),
        .executableTarget(
            name: "adscan-fuzz",
            dependencies: ["AdscanNormalize", "AdscanRules", "AdscanMatch", "AdscanContext", "AdscanEngine", "AdscanReader"],
            path: "fuzz", exclude: ["run.sh", "corpus", "crashes"]),
        .testTarget(
            name: "AdscanTests",
            dependencies: ["AdscanModel", "AdscanNormalize", "AdscanRules", "AdscanMatch", "AdscanContext", "AdscanEngine",
                           "AdscanReader", "AdscanReport", "AdscanDefaultPack", "adscan", "adscan-fuzz"]),
    ]
)
