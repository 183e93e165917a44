// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "kiosk",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "kiosk", targets: ["kiosk"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
    ],
    targets: [
        // libmicrohttpd from Debian's libmicrohttpd-dev, plus shim.h for its variadic calls.
        .systemLibrary(
            name: "CMicroHTTPD",
            pkgConfig: "libmicrohttpd",
            providers: [.apt(["libmicrohttpd-dev"])]
        ),
        // ReadStat from Debian's libreadstat-dev: writes SPSS .sav and Stata .dta files.
        .systemLibrary(
            name: "CReadStat",
            providers: [.apt(["libreadstat-dev"])]
        ),
        // The domain: instruments, rules, timetable, roster. Foundation only, no I/O.
        .target(name: "KioskCore"),
        // SQLite through GRDB: schema, migrations, the group-commit writer.
        .target(
            name: "KioskStorage",
            dependencies: [
                "KioskCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // HTTP over libmicrohttpd: server, request, response, router, static files.
        .target(
            name: "KioskHTTP",
            dependencies: [
                "CMicroHTTPD",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The export: wide and long responses, SPSS and Stata files, codebook, paradata, reports.
        .target(
            name: "KioskExport",
            dependencies: [
                "KioskCore",
                "KioskStorage",
                "CReadStat",
                .product(name: "GRDB", package: "GRDB.swift"),
                // The C API, for reading 300,000 answers' bytes where they lie (PositionedAnswers).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The application: APIs, authentication, wiring of storage and HTTP.
        .target(
            name: "KioskServer",
            dependencies: [
                "KioskCore",
                "KioskStorage",
                "KioskHTTP",
                "KioskExport",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The command-line tool a school's IT person runs.
        .executableTarget(
            name: "kiosk",
            dependencies: [
                "KioskServer",
                "KioskExport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.embedInCode("DemoBundle")]
        ),
        // Helpers shared by the test targets: a raw HTTP client, temporary folders, a server launcher.
        .target(
            name: "KioskTestSupport",
            dependencies: ["KioskServer", "KioskHTTP", "KioskStorage", "KioskExport"],
            path: "Tests/KioskTestSupport"
        ),
        .testTarget(name: "KioskCoreTests", dependencies: ["KioskCore", "KioskTestSupport"]),
        .testTarget(name: "KioskStorageTests", dependencies: ["KioskStorage", "KioskTestSupport"]),
        .testTarget(name: "KioskHTTPTests", dependencies: ["KioskHTTP", "KioskTestSupport"]),
        .testTarget(
            name: "KioskExportTests",
            dependencies: ["KioskExport", "KioskTestSupport", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .testTarget(name: "KioskServerTests", dependencies: ["KioskServer", "KioskTestSupport", "kiosk"]),
    ],
    swiftLanguageModes: [.v6]
)
