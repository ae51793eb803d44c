extension ContentParser {
    static let organizationKeys = ["name", "short_name", "level", "parent", "website"]
    static let pageKeys = ["title", "slug", "summary", "weight", "draft"]

    /// `content/organizations/<id>.md`; the id is the file name.
    public func parseOrganization(_ file: SourceFile) -> (Organization?, Diagnostics) {
        var diagnostics = Diagnostics()
        let id = String(file.path.split(separator: "/").last!.dropLast(".md".count))
        guard Slug.make(id) == id else {
            diagnostics.error(SourceLocation(path: file.path), "an organization's file name is its id and must be a URL name like `\(Slug.make(id))`")
            return (nil, diagnostics)
        }
        guard let opened = open(file, &diagnostics) else { return (nil, diagnostics) }
        let (document, fields, order) = (opened.document, opened.fields, opened.order)
        var reader = opened.reader
        checkKeys(order, fields, known: Self.organizationKeys, in: "an organization's front-matter", &reader)
        let name = required("name", fields, &reader, file.path, "the organization")
        var parent: Located<String>?
        if let node = fields["parent"]?.value, !YAMLReader.isNull(node), let p = reader.string(node, "parent") {
            parent = Located(p, reader.location(node))
        }
        let website = optionalString("website", fields, &reader)
        if let w = website, !(w.hasPrefix("http://") || w.hasPrefix("https://")), let node = fields["website"]?.value {
            reader.diagnostics.error(reader.location(node), "`website` must start with http:// or https://, found `\(w)`")
        }
        let rendered = markdown.render(document.body, in: file.path, fromLine: document.bodyLine, &reader.diagnostics)
        checkRemoteImages(rendered, path: file.path, bodyLine: document.bodyLine, &reader.diagnostics)
        guard !reader.diagnostics.hasErrors, let name else { return (nil, reader.diagnostics) }
        var organization = Organization(
            id: id, name: name, shortName: optionalString("short_name", fields, &reader),
            level: optionalString("level", fields, &reader), parent: parent, website: website,
            descriptionHTML: rendered.html, summary: rendered.firstParagraph, path: file.path)
        organization.frontMatterDigest = Digest.fnv1a(document.yaml)
        return (organization, reader.diagnostics)
    }

    /// `content/pages/<slug>.md`, published at `/<slug>/`.
    public func parsePage(_ file: SourceFile) -> (Page?, Diagnostics) {
        var diagnostics = Diagnostics()
        guard let opened = open(file, &diagnostics) else { return (nil, diagnostics) }
        let (document, fields, order) = (opened.document, opened.fields, opened.order)
        var reader = opened.reader
        checkKeys(order, fields, known: Self.pageKeys, in: "a page's front-matter", &reader)
        let title = required("title", fields, &reader, file.path, "the page")
        var slug: String? = Slug.make(String(file.path.split(separator: "/").last!.dropLast(".md".count)))
        if fields["slug"] != nil || slug!.isEmpty { slug = self.slug(fields, title: title, &reader, file.path) }
        var weight = 0
        if let node = fields["weight"]?.value { weight = reader.integer(node, "weight") ?? 0 }
        var draft = false
        if let node = fields["draft"]?.value { draft = reader.bool(node, "draft") ?? false }
        let rendered = markdown.render(document.body, in: file.path, fromLine: document.bodyLine, &reader.diagnostics)
        checkRemoteImages(rendered, path: file.path, bodyLine: document.bodyLine, &reader.diagnostics)
        var summary = rendered.firstParagraph
        if let s = optionalString("summary", fields, &reader) { summary = s }
        guard !reader.diagnostics.hasErrors, let title, let slug else { return (nil, reader.diagnostics) }
        let links = rendered.links.map { Located($0.url, SourceLocation(path: file.path, line: document.bodyLine - 1 + $0.line, column: $0.column)) }
        return (Page(links: links, path: file.path, title: title, slug: slug, summary: summary, weight: weight, draft: draft,
                     bodyHTML: rendered.html, location: SourceLocation(path: file.path)), reader.diagnostics)
    }
}
