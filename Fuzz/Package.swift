// swift-tools-version:6.0
// A libFuzzer target over the whole cleaning pipeline (decode → split → fingerprint → detect →
// assemble, and whatever stages CleaningPipeline gains). A separate package so the main build is
// unaffected; build and run it with ./run.sh.
import PackageDescription

let package = Package(
    name: "DedupFuzz",
    dependencies: [
        .package(name: "dedup", path: ".."),
    ],
    targets: [
        .executableTarget(
            name: "DedupFuzz",
            dependencies: [.product(name: "Dedup", package: "dedup")],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
    ]
)
