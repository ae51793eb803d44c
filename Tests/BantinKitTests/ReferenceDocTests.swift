import Foundation
import Testing
@testable import BantinKit

/// docs/reference.md is the writer's whole reference (#16): every key Bantin reads is in it, so a
/// key added to the code without a line in the reference fails here.
@Suite struct ReferenceDocTests {
    static let text: String = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return (try? String(contentsOf: root.appendingPathComponent("docs/reference.md"), encoding: .utf8)) ?? ""
    }()

    func documented(_ keys: [String], as form: (String) -> String) -> [String] {
        keys.filter { !Self.text.contains(form($0)) }
    }

    @Test func everyFrontMatterKeyIsInTheReference() {
        #expect(!Self.text.isEmpty)
        let table: (String) -> String = { "| `\($0)` |" }
        #expect(documented(ContentParser.articleKeys.filter { $0 != "image_alt" && $0 != "image" }, as: table).isEmpty)
        #expect(Self.text.contains("| `image` |") && Self.text.contains("| `image_alt` |"))
        #expect(documented(ContentParser.organizationKeys, as: table).isEmpty)
        #expect(documented(ContentParser.pageKeys, as: table).isEmpty)
        // meeting, awards and statistics items.
        #expect(documented(["kind", "date", "location", "period", "chair", "attendees"], as: table).isEmpty)
        #expect(documented(["title", "recipient_kind", "count", "recipient", "issuer", "year", "organization"], as: table).isEmpty)
        #expect(documented(["key", "value", "label", "unit", "year", "organization", "verified"], as: table).isEmpty)
    }

    @Test func everySiteSettingIsInTheReference() {
        let missing = documented(SiteConfigLoader.knownKeys.sorted(), as: { "\n\($0):" })
        #expect(missing.isEmpty, "\(missing)")
        #expect(documented(ImageSettings.knownKeys, as: { "  \($0): " }).isEmpty)
        #expect(documented(SiteConfig.permalinkTokens, as: { $0 }).isEmpty)
    }

    @Test func everyCommandIsInTheReference() {
        for command in ["bantin build", "bantin check", "bantin serve", "bantin new site", "bantin new article", "bantin new organization",
                        "bantin figures", "bantin import", "bantin fields", "bantin --version"] {
            #expect(Self.text.contains(command), "\(command)")
        }
    }
}
