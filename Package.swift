// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "counter-kiosk",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "IDScan", targets: ["IDScan"]),
        .library(name: "Counter", targets: ["Counter"]),
        .library(name: "CounterCore", targets: ["CounterCore"]),
        .library(name: "CounterDevices", targets: ["CounterDevices"]),
        .library(name: "CounterTesting", targets: ["CounterTesting"]),
        .executable(name: "counter-kiosk", targets: ["counter-kiosk"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket", from: "2.8.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        // `swift package generate-documentation --target CounterCore`: the DocC catalog (Counter.docc).
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // ID documents: MRZ formats, check digits, OCR repair, reader framing; the chip (ICAO 9303 part 11).
        .target(name: "IDScan", dependencies: ["CChipCrypto"]),
        // OpenSSL 3's libcrypto for the chip: 3DES, brainpool curves, CMAC, CMS (docs/chip-crypto.md).
        .target(name: "CChipCrypto", dependencies: ["COpenJPEG"], linkerSettings: [.linkedLibrary("crypto"), .linkedLibrary("z")]),
        // OpenJPEG, for JPEG 2000 faces (DG2): decoded to a PNG the counter's page can show.
        .systemLibrary(name: "COpenJPEG", pkgConfig: "libopenjp2", providers: [.apt(["libopenjp2-7-dev"])]),

        // libusb-1.0 from the system (HID POS scanners read by interrupt transfers).
        .systemLibrary(
            name: "CLibUSB", pkgConfig: "libusb-1.0",
            providers: [.apt(["libusb-1.0-0-dev"])]),
        // pcsc-lite: contactless and document readers with RFID, for the chip check (issue 17).
        // pkg-config gives -I/usr/include/PCSC, which winscard.h needs (SwiftPM drops the -pthread it adds, with a warning).
        .systemLibrary(name: "CPCSCLite", pkgConfig: "libpcsclite", providers: [.apt(["libpcsclite-dev"])]),
        // Wrappers for the function-like ioctl macros of evdev, hidraw and termios.
        .target(name: "CEvdev"),
        // umockdev's testbed API, for the device tests only (emulated evdev, hidraw and usbdevfs nodes).
        .systemLibrary(
            name: "CUMockdev", pkgConfig: "umockdev-1.0",
            providers: [.apt(["libumockdev-dev"])]),

        // The engine, platform-neutral: register store, scan routing, barcodes, checks, upload queue, holding,
        // daily log, the chip check's rules. Builds without libusb or Linux headers (issue 18).
        .target(
            name: "CounterCore",
            dependencies: [
                "IDScan", "CCounterSystem",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                // The register of several tills and branches on PostgreSQL (issue 15).
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]),
        // stdout's buffering and the kernel's clock state, which Swift cannot reach by itself (Linux or not).
        .target(name: "CCounterSystem"),
        // The devices, Linux only: evdev, hidraw, libusb and serial scanners, PC/SC chip readers, udev rules.
        .target(
            name: "CounterDevices",
            dependencies: [
                "CounterCore", "IDScan", "CLibUSB", "CEvdev", "CPCSCLite",
                .product(name: "NIOPosix", package: "swift-nio"),
            ]),
        // `import Counter`: the engine and the devices, as before the split.
        .target(name: "Counter", dependencies: ["CounterCore", "CounterDevices"]),

        // A stand-in for the national register on loopback, with fault injection (`register-sim`, tests, bench).
        .target(
            name: "RegisterSimulator",
            dependencies: [
                "Counter",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]),

        // For tests (ours and embedders'): fake scanners, a fake register and stolen-goods service, a temporary
        // register, a throw-away PostgreSQL cluster, blocking work off the pool. Compare NIOTestUtils.
        .target(
            name: "CounterTesting",
            dependencies: [
                "CounterCore",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]),

        // The program: local kiosk server, CLI for owners and technicians.
        .executableTarget(
            name: "counter-kiosk",
            dependencies: [
                "Counter", "IDScan", "RegisterSimulator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]),

        // Examples/other-pos: a POS that embeds the engine through its public API (built and run by make test).
        .executableTarget(name: "other-pos", dependencies: ["CounterCore"], path: "Examples/other-pos", exclude: ["README.md"],
                         packageAccess: false),

        // `make bench`: measured figures for docs/benchmarks.md.
        .executableTarget(
            name: "counter-bench",
            dependencies: ["Counter", "CounterTesting", "IDScan", "CEvdev", "RegisterSimulator",
                           .product(name: "Logging", package: "swift-log")]),

        .testTarget(name: "IDScanTests", dependencies: ["IDScan"]),
        // In-process route tests of the kiosk (HummingbirdTesting's router client: no sockets, no browser).
        .testTarget(
            name: "KioskTests",
            dependencies: [
                "counter-kiosk", "Counter", "CounterCore", "CounterTesting",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]),
        .testTarget(
            name: "CounterTests",
            dependencies: [
                "Counter", "CounterCore", "CounterDevices", "CounterTesting", "IDScan", "CEvdev", "CLibUSB", "CUMockdev",
                "RegisterSimulator",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                // Issue 15: the tests start a throw-away PostgreSQL cluster and talk to it as the backend will.
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]),
    ],
    swiftLanguageModes: [.v6]
)
