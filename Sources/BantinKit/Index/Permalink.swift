/// `permalink:` of site.yml (`:year/:month/:slug`…) made into each article's address: the
/// index makes every article's once (`SiteIndex.addresses`), as its page, cards, feeds, search,
/// data files, link check and the engine's plan all ask for it.
struct Permalink: Sendable {
    private let parts: [String]

    init(_ pattern: String) {
        parts = pattern.split(separator: "/").map(String.init)
    }

    /// The article's site path, starting and ending with `/`.
    func address(of article: Article) -> String {
        let d = article.date.local
        var path = "/"
        for part in parts {
            switch part {
            case ":year": path += CivilDate.pad(d.year, 4)
            case ":month": path += CivilDate.pad(d.month, 2)
            case ":day": path += CivilDate.pad(d.day, 2)
            case ":slug": path += article.slug
            case ":organization": path += article.primaryOrganization
            default: path += part
            }
            path += "/"
        }
        return path
    }
}
