import Testing

@testable import VaultServer

/// Paths become `file:` URIs with everything but unreserved characters and `/`
/// percent-encoded, and come back unchanged.
@Suite struct FileURITests {
    @Test func encodesWhatURIsCannotHoldAsWritten() {
        #expect(FileURI.uri("/vault/Plain-name_1.md") == "file:///vault/Plain-name_1.md")
        #expect(FileURI.uri("/vault/A note #1 (50%).md") == "file:///vault/A%20note%20%231%20%2850%25%29.md")
        #expect(FileURI.uri("/vault/Café.md") == "file:///vault/Caf%C3%A9.md")
        #expect(FileURI.uri("") == "file://")
    }

    @Test(arguments: ["/vault/Note.md", "/v/A note #1 (50%).md", "/v/Café 🌱/Ünïcode.md", "/v/a+b=c&d;e,f'g!.md"])
    func pathsRoundTrip(_ path: String) {
        #expect(FileURI.path(FileURI.uri(path)) == path)
    }

    @Test func aFolderURIEndingInASlashNamesTheFolder() {
        #expect(FileURI.path("file:///vault/Plugins%20%26%20more/") == "/vault/Plugins & more")
        #expect(FileURI.path("file:///vault/Folder/") == "/vault/Folder")
        #expect(FileURI.path("file:///") == "/")
    }
}
