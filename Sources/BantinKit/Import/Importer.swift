import Foundation

/// `bantin import PATH... --organization ID`: old portal pages (saved HTML or text copies, or
/// folders of them, such as a `wget --mirror`) become draft articles in `content/tin/<ID>/`.
/// Each page is read, cleaned of the portal around it, made into front-matter and Markdown,
/// checked with the same parser a build uses, and written only if it passes. A file is never
/// overwritten; a page imported before is skipped (its digest is in the article's first line).
public struct Importer {
    public struct Line: Sendable, Equatable {
        public enum Outcome: Sendable, Equatable {
            case imported(String)
            case skipped(String)
            case failed(String)
        }
        public var input: String
        public var outcome: Outcome
        public var notes: [String]
        /// The files this import created (the article and its photos), relative to the site.
        var written: [String] = []

        public var description: String {
            let head: String
            switch outcome {
            case .imported(let path): head = "\(input): imported → \(path)"
            case .skipped(let why): head = "\(input): skipped: \(why)"
            case .failed(let why): head = "\(input): failed: \(why)"
            }
            return ([head] + notes.map { "  note: \($0)" }).joined(separator: "\n")
        }
    }

    public enum Refusal: Error, CustomStringConvertible {
        case site(String)
        case unknownOrganization(String, suggestion: String?)
        case missing(String)

        public var description: String {
            switch self {
            case .site(let why): why
            case .unknownOrganization(let id, let s):
                Scaffold.Failure.unknownOrganization(id, suggestion: s).description
                    + "; or create it first with `bantin new organization \(id) --name \"…\"`"
            case .missing(let path): "\(path) does not exist; give a saved page, a text copy or a folder of them"
            }
        }
    }

    public let root: String
    public let organization: String
    public let dryRun: Bool
    let config: SiteConfig
    let parser: ContentParser

    public init(root: String, organization: String, dryRun: Bool) throws {
        var diagnostics = Diagnostics()
        guard let config = SiteConfigLoader.read(siteAt: root, &diagnostics)?.config, !diagnostics.hasErrors else {
            throw Refusal.site("site.yml in \(root) is missing or has errors; run `bantin check --source \(root)` first")
        }
        let organizations = OrganizationReference.ids(inSiteAt: root)
        guard organizations.contains(organization) else {
            throw Refusal.unknownOrganization(organization, suggestion: Suggest.closest(to: organization, in: organizations))
        }
        self.root = root
        self.organization = organization
        self.dryRun = dryRun
        self.config = config
        var parser = ContentParser(config: config)
        parser.organizationIDs = organizations
        self.parser = parser
    }

    /// The pages under `paths`, in a stable order: files as given, folders walked for saved
    /// pages (`.html`, `.htm`, `.shtml`, `.php`, `.asp`, `.aspx`) and text copies (`.txt`).
    public static func inputs(_ paths: [String]) throws -> [String] {
        let pageExtensions: Set<String> = ["html", "htm", "shtml", "xhtml", "php", "asp", "aspx", "jsp", "txt"]
        var out: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw Refusal.missing(path) }
            guard isDirectory.boolValue else { out.append(path); continue }
            let base = path.hasSuffix("/") ? String(path.dropLast()) : path
            let found = (FileManager.default.enumerator(atPath: base)?.allObjects as? [String] ?? []).filter { rel in
                pageExtensions.contains((rel as NSString).pathExtension.lowercased()) && !rel.split(separator: "/").contains { $0.hasPrefix(".") }
            }
            out += found.sorted().map { base + "/" + $0 }
        }
        return out
    }

    public func run(_ inputs: [String]) -> [Line] {
        var claimed: [String: String] = [:]  // marker → path, for pages given twice in one run
        var taken = Set<String>()
        let existing = existingMarkers()
        let lines = inputs.map { input in
            var line = importOne(input, existing: existing, claimed: &claimed, taken: &taken)
            line.input = input
            return line
        }
        return dryRun ? lines : checkedWithTheSite(lines)
    }

    /// What `bantin check` says of the whole site with the new articles in it, drafts included
    /// (two articles on one address, say, which one article alone cannot show): an article it
    /// finds an error in is taken away again, photos and all, and the report says why.
    private func checkedWithTheSite(_ lines: [Line]) -> [Line] {
        guard lines.contains(where: { if case .imported = $0.outcome { return true }; return false }) else { return lines }
        var options = BuildOptions(source: root)
        options.drafts = true
        options.write = false
        options.makesPhotos = false
        let errors = Builder().build(options).diagnostics.sorted.filter { $0.severity == .error }
        return lines.map { line in
            guard case .imported(let path) = line.outcome else { return line }
            let bundle = path.hasSuffix("/index.md") ? (path as NSString).deletingLastPathComponent + "/" : nil
            guard let error = errors.first(where: { e in
                e.location.path == path || e.message.contains(path) || bundle.map { e.location.path.hasPrefix($0) || e.message.contains($0) } == true
            }) else { return line }
            for file in line.written.reversed() { unlink(root + "/" + file) }
            if let bundle { rmdir(root + "/" + bundle) }
            return Line(input: line.input, outcome: .failed("the article would not build with the site (\(error.description)); nothing kept"), notes: line.notes)
        }
    }

    private var folder: String { "content/tin/\(organization)" }

    /// The import markers of the organization's articles: a page imported before, under any name.
    private func existingMarkers() -> [String: String] {
        var out: [String: String] = [:]
        let base = root + "/" + folder
        for rel in (FileManager.default.enumerator(atPath: base)?.allObjects as? [String] ?? []) where rel.hasSuffix(".md") {
            guard let handle = FileHandle(forReadingAtPath: base + "/" + rel) else { continue }
            let head = String(decoding: handle.readData(ofLength: 200), as: UTF8.self)
            try? handle.close()
            for l in head.split(separator: "\n").prefix(3) where l.hasPrefix("# bantin import ") {
                if let marker = l.split(separator: " ").dropFirst(3).first { out[String(marker)] = folder + "/" + rel }
            }
        }
        return out
    }

    private func importOne(_ input: String, existing: [String: String], claimed: inout [String: String], taken: inout Set<String>) -> Line {
        func fail(_ why: String, _ notes: [String] = []) -> Line { Line(input: input, outcome: .failed(why), notes: notes) }
        guard let data = FileManager.default.contents(atPath: input) else { return fail("the file cannot be read") }
        let digest = String(data.withUnsafeBytes(Digest.bytes), radix: 16)
        if let path = existing[digest] ?? claimed[digest] { return Line(input: input, outcome: .skipped("already imported, as \(path)"), notes: []) }

        let page: PortalPage
        if (input as NSString).pathExtension.lowercased() == "txt" {
            guard let text = String(data: data, encoding: .utf8) else {
                return fail("the text is not UTF-8; open it in a text editor and save it as UTF-8 (Unicode), then import it again")
            }
            page = PortalPage.text(text)
        } else {
            switch HTMLTree.parse(data) {
            case .success(let tree): page = PortalPage.html(tree)
            case .failure(.unknownEncoding(let name)):
                return fail("the page says its text is in the character set `\(name)`, which Bantin cannot read; save the page as UTF-8 and import it again")
            case .failure(.undeclaredNotUTF8):
                return fail("the page does not say which character set its text is in, and it is not UTF-8; add <meta charset=\"windows-1258\"> (or the set it was saved in) to its <head>, or save it as UTF-8")
            case .failure(.unreadable): return fail("libxml2 could not read the page as HTML")
            }
        }
        var notes = page.notes
        var photos: [(name: String, from: String)] = []
        let body = placePhotos(page.blocks, input: input, pageURL: page.url, photos: &photos, notes: &notes)
        let facts = PageFacts(config: config, organization: organization)
        let marker = "bantin import \(digest) " + Scaffold.quoted((input as NSString).lastPathComponent)
        let made: ImportedArticle
        switch facts.article(page, body: body, photos: photos, notes: notes, marker: marker, fallbackSourceName: (input as NSString).lastPathComponent) {
        case .success(let article): made = article
        case .failure(.noTitle): return fail("no title found in the page", notes)
        case .failure(.noDate):
            return fail("no date found in the page (such as 14/02/2023 15:20 or ngày 14 tháng 2 năm 2023); add the date line to the copy and import it again", notes)
        }

        // The same page always gets the same path; another page with the same title gets its digest added.
        let bundle = !made.photos.isEmpty
        func path(_ slug: String) -> String { bundle ? "\(folder)/\(slug)/index.md" : "\(folder)/\(slug).md" }
        var target = path(made.slug)
        if FileManager.default.fileExists(atPath: root + "/" + target) || taken.contains(target)
            || FileManager.default.fileExists(atPath: root + "/" + (bundle ? "\(folder)/\(made.slug).md" : "\(folder)/\(made.slug)/index.md")) {
            target = path(made.slug + "-" + digest.prefix(6))
            if FileManager.default.fileExists(atPath: root + "/" + target) { return fail("\(target) exists already; Bantin does not overwrite it", made.notes) }
        }

        // What a build would say of the article: it is written only if it has no errors.
        let directory = bundle ? root + "/" + (target as NSString).deletingLastPathComponent : nil
        let source = ArticleSource(file: SourceFile(path: target, data: Data(made.text.utf8)), bundleAssets: made.photos.map(\.name).sorted(), bundleDirectory: directory)
        let (_, diagnostics) = parser.parseArticle(source)
        if let error = diagnostics.sorted.first(where: { $0.severity == .error }) {
            return fail("the article would not build (\(error.message)); nothing written", made.notes)
        }
        claimed[digest] = target
        taken.insert(target)
        if !dryRun {
            if let why = write(made, to: target) { return fail(why, made.notes) }
        }
        let folderOfTarget = (target as NSString).deletingLastPathComponent
        return Line(input: input, outcome: .imported(target), notes: made.notes, written: made.photos.map { folderOfTarget + "/" + $0.name } + [target])
    }

    /// Photos next to the saved page (a mirror has them) are copied into the bundle; others
    /// become links to where they are on the web, or are left out when there is no such place.
    private func placePhotos(_ blocks: [ImportBlock], input: String, pageURL: String?, photos: inout [(name: String, from: String)], notes: inout [String]) -> [ImportBlock] {
        let directory = (input as NSString).deletingLastPathComponent
        func place(_ src: String, _ alt: String) -> ImportInline? {
            let clean = String(src.split(separator: "?", maxSplits: 1).first ?? "").split(separator: "#", maxSplits: 1).first.map(String.init) ?? src
            let lower = clean.lowercased()
            if !lower.hasPrefix("http://") && !lower.hasPrefix("https://") && !lower.hasPrefix("data:") {
                let decoded = clean.removingPercentEncoding ?? clean
                var candidates = [directory + "/" + decoded]
                if decoded.hasPrefix("/") {  // from the mirror's root: one of the page's parent folders
                    var up = directory
                    while up.count > 1 { candidates.append(up + decoded); up = (up as NSString).deletingLastPathComponent }
                }
                // A saved error page named .jpg is not a photo: the build would refuse it.
                if let file = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }),
                   !ProcessedPhoto.isPhoto(file) || (try? Vips.header(file).get()) != nil {
                    if let known = photos.first(where: { $0.from == file }) { return .image(src: known.name, alt: alt) }
                    let name = bundleName(for: file, taken: Set(photos.map(\.name)))
                    photos.append((name, file))
                    return .image(src: name, alt: alt)
                }
            }
            var notes2: [String] = []
            if let absolute = PortalPage.resolveLink(src, base: pageURL, notes: &notes2), absolute.hasPrefix("http") {
                notes.append("photo not beside the page, kept as a link: \(absolute)")
                return .link(href: absolute, [.text(alt.isEmpty ? "Ảnh" : "Ảnh: " + alt)])
            }
            notes.append("photo `\(src)` not found beside the page and its address is unknown; left out")
            return nil
        }
        func inlines(_ list: [ImportInline]) -> [ImportInline] {
            list.compactMap { inline in
                switch inline {
                case .image(let src, let alt): return place(src, alt)
                case .strong(let c): return .strong(inlines(c))
                case .emphasis(let c): return .emphasis(inlines(c))
                case .link(let href, let c): return .link(href: href, inlines(c))
                default: return inline
                }
            }
        }
        return blocks.compactMap { block in
            switch block {
            case .image(let src, let alt):
                guard let placed = place(src, alt) else { return nil }
                if case .image(let s, let a) = placed { return .image(src: s, alt: a) }
                return .paragraph([placed])
            case .paragraph(let i): return .paragraph(inlines(i))
            case .heading(let l, let i): return .heading(l, inlines(i))
            case .list(let o, let items): return .list(ordered: o, items: items.map(inlines))
            case .quote(let b): return .quote(placePhotos(b, input: input, pageURL: pageURL, photos: &photos, notes: &notes))
            case .table: return block
            }
        }
    }

    /// A photo's name in the bundle: its own, made safe for an address, unique.
    private func bundleName(for file: String, taken: Set<String>) -> String {
        let ext = (file as NSString).pathExtension.lowercased()
        var stem = Slug.make(((file as NSString).lastPathComponent as NSString).deletingPathExtension)
        if stem.isEmpty { stem = "anh" }
        var name = ext.isEmpty ? stem : stem + "." + ext
        var n = 2
        while taken.contains(name) { name = "\(stem)-\(n)" + (ext.isEmpty ? "" : "." + ext); n += 1 }
        return name
    }

    /// The photos, then the article; each file created new (never over another). On a
    /// failure, what this import wrote is taken away again.
    private func write(_ article: ImportedArticle, to target: String) -> String? {
        let full = root + "/" + target
        let directory = (full as NSString).deletingLastPathComponent
        var written: [String] = []
        func undo() { for file in written.reversed() { unlink(file) } }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            for photo in article.photos {
                guard let data = FileManager.default.contents(atPath: photo.from) else { undo(); return "the photo \(photo.from) cannot be read" }
                guard create(directory + "/" + photo.name, data) else { undo(); return "\(directory)/\(photo.name) exists already or cannot be written; nothing written" }
                written.append(directory + "/" + photo.name)
            }
            guard create(full, Data(article.text.utf8)) else { undo(); return "\(target) exists already or cannot be written; Bantin does not overwrite it" }
        } catch {
            undo()
            return "\(directory) cannot be made: \(error.localizedDescription)"
        }
        return nil
    }

    private func create(_ path: String, _ data: Data) -> Bool { (try? FileWriter.create(data, at: path)) != nil }
}
