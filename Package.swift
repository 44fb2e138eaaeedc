// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "dedup",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "Dedup", targets: ["Dedup"]),
        .executable(name: "dedup", targets: ["dedup-cli"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // Test-only: property-based tests with shrinking (Tests/DedupTests/Properties).
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        // The only place that sees ICU's headers: a C++ shim with a plain-C public header,
        // so that Swift code importing Foundation never meets ICU's `UErrorCode` twice.
        .target(
            name: "CICU",
            linkerSettings: [
                .linkedLibrary("icui18n"),
                .linkedLibrary("icuuc"),
                .linkedLibrary("icudata"),
            ]
        ),
        // System zlib for reading .gz inputs (zlib1g-dev); a C shim because inflateInit2 is a macro.
        .target(
            name: "CZlib",
            linkerSettings: [.linkedLibrary("z")]
        ),
        .target(
            name: "Dedup",
            dependencies: ["CICU", "CZlib"]
        ),
        .executableTarget(
            name: "dedup-cli",
            dependencies: [
                "Dedup",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "DedupTests",
            dependencies: ["Dedup", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(
            name: "DedupCLITests",
            dependencies: ["dedup-cli"]
        ),
    ],
    cxxLanguageStandard: .cxx17
)
