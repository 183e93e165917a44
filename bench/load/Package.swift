// swift-tools-version:6.0
import PackageDescription

// `./kiosk bench`: the kiosk under a participant load beside the machine's ceilings and a peer.
// Built apart from the kiosk (`--scratch-path bench/.build-load`); see bench/README.md.
let package = Package(
    name: "kiosk-bench",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "kiosk-bench", targets: ["kiosk-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", exact: "0.2.0"),
    ],
    targets: [
        // epoll, socket types and TCP_NODELAY, which Swift's Glibc module does not bring in full.
        .target(name: "CNetwork"),
        .executableTarget(
            name: "kiosk-bench",
            dependencies: [
                "CNetwork",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
