// swift-tools-version: 6.0
import PackageDescription

// The targets follow the layers in README.md's Architecture section: each
// depends only on the layers below it, and the parser depends on nothing.
let package = Package(
    name: "vault-ls",
    products: [
        .library(name: "VaultParser", targets: ["VaultParser"]),
        .executable(name: "vault-ls", targets: ["vault-ls"]),
    ],
    targets: [
        .target(name: "VaultParser"),
        .target(name: "VaultIndex", dependencies: ["VaultParser"]),
        .target(name: "VaultFeatures", dependencies: ["VaultParser", "VaultIndex"]),
        .target(name: "VaultFiles", dependencies: ["VaultParser", "VaultIndex"]),
        .target(name: "VaultProtocol"),
        .target(
            name: "VaultServer",
            dependencies: ["VaultParser", "VaultIndex", "VaultFeatures", "VaultFiles", "VaultProtocol"]
        ),
        .executableTarget(
            name: "vault-ls",
            dependencies: ["VaultParser", "VaultIndex", "VaultFeatures", "VaultFiles", "VaultProtocol", "VaultServer"]
        ),
        .executableTarget(name: "vault-load", dependencies: ["VaultFiles"]),
        .executableTarget(
            name: "vault-bench",
            dependencies: ["VaultParser", "VaultIndex", "VaultFiles", "VaultProtocol", "TestSupport", "vault-load"]
        ),
        .testTarget(name: "VaultParserTests", dependencies: ["VaultParser", "TestSupport"]),
        .testTarget(
            name: "VaultIndexTests",
            dependencies: ["VaultParser", "VaultIndex", "VaultFeatures", "VaultFiles", "TestSupport"]
        ),
        .target(
            name: "TestSupport", dependencies: ["VaultProtocol", "VaultParser", "VaultIndex"], path: "Tests/TestSupport"
        ),
        .testTarget(
            name: "ServerTests",
            dependencies: ["VaultProtocol", "VaultParser", "VaultIndex", "VaultFiles", "VaultServer", "TestSupport"]
        ),
        .testTarget(name: "EndToEndTests", dependencies: ["vault-ls", "VaultProtocol", "TestSupport"]),
        .testTarget(
            name: "EditorTests", dependencies: ["vault-ls", "TestSupport"],
            exclude: ["neovim-journey.lua", "neovim-modern-journey.lua", "emacs-journey.el"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
