// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Bantin",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "bantin", targets: ["bantin"]),
        .library(name: "BantinKit", targets: ["BantinKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // Test-only: the oracle Bantin's own Mustache is compared with (MustacheDifferentialTests).
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // Default traits off: the preview server needs neither swift-configuration nor full Foundation.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
    ],
    targets: [
        // Debian's libcmark-gfm-dev and libcmark-gfm-extensions-dev.
        .systemLibrary(
            name: "CMarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        // Debian's libxml2-dev: its HTML parser reads old portal pages for `bantin import`.
        .systemLibrary(
            name: "CXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // libxml2's HTML parser behind plain functions (see html.h).
        .target(name: "CHTML", dependencies: ["CXML2"]),
        // Bantin's few calls into libvips, whose variadic API Swift cannot call (see photos.h).
        // libwebpmux (libwebp-dev, which libvips-dev brings) takes out what webpsave leaves in.
        // libvips itself (Debian's libvips-dev, 8.14, with JPEG, PNG, WebP and HEIF) is not
        // linked but loaded with dlopen at the first photo (see photos.c): linked, it and the
        // ninety libraries it needs were loaded at every start of every command. Its header,
        // which gives the functions' types, needs glib's (pkg-config --cflags vips).
        .target(
            name: "CPhotos",
            cSettings: [
                .unsafeFlags([
                    "-I/usr/include/glib-2.0",
                    "-I/usr/lib/x86_64-linux-gnu/glib-2.0/include",
                    "-I/usr/lib/aarch64-linux-gnu/glib-2.0/include",
                ]),
            ],
            linkerSettings: [.linkedLibrary("webpmux"), .linkedLibrary("webp"), .linkedLibrary("dl")]
        ),
        // renameat2(RENAME_EXCHANGE), which Swift's Glibc module does not expose.
        .target(name: "CAtomicSwap"),
        // Lets cmark-gfm parse on several threads at once (see cmark_threads.c). The executable
        // must export the function for the library to call it instead of its own.
        .target(
            name: "CMarkThreads",
            linkerSettings: [
                .linkedLibrary("dl"),
                .unsafeFlags(["-Xlinker", "--export-dynamic-symbol=cmark_manage_extensions_special_characters"]),
            ]
        ),
        .target(
            name: "BantinKit",
            dependencies: [
                "CMarkGFM",
                "CAtomicSwap",
                "CMarkThreads",
                "CPhotos",
                "CHTML",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // `bantin serve`: the preview server, kept out of BantinKit so the pipeline has no server code.
        .target(
            name: "BantinServe",
            dependencies: [
                "BantinKit",
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        .executableTarget(
            name: "bantin",
            dependencies: [
                "BantinKit",
                "BantinServe",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Writes benchmark corpora (Bantin, and the same content as a Hugo site): see bench/compare.
        .executableTarget(name: "bantin-corpus", dependencies: ["CPhotos"]),
        .testTarget(
            name: "BantinKitTests",
            dependencies: ["BantinKit", "BantinServe", .product(name: "Mustache", package: "swift-mustache")],
            exclude: ["Fixtures"]
        ),
    ]
)
