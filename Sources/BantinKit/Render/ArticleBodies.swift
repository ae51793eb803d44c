import Synchronization

/// Where the renderer gets an article's body. A body kept in the index is there, its links to
/// other articles' files already resolved (`SourceLinks.resolved`). A body let go of after
/// parsing (`Article.bodyDeferred`, a full build's way of never holding every body at once) is
/// read and rendered again through `read`, the build's own loader and parser, and its links are
/// resolved here. One whose file changed since it was parsed is not used: the build names it and
/// fails, since the page would show another text than the index it is listed by.
final class ArticleBodies: Sendable {
    typealias Reader = @Sendable (Article) -> String?

    private let read: Reader?
    let links: SourceLinks
    private let routes: Routes
    private let changed = Mutex<Set<String>>([])
    /// The bundles' photos as published: the body shows each as `<picture>` (`PhotoMarkup`).
    let photos: PhotoCatalog

    init(read: Reader?, links: SourceLinks, routes: Routes, photos: PhotoCatalog = PhotoCatalog()) {
        self.read = read
        self.links = links
        self.routes = routes
        self.photos = photos
    }

    func html(_ article: Article) -> String {
        PhotoMarkup.rewrite(source(article), article, photos, lead: article.image)
    }

    private func source(_ article: Article) -> String {
        guard article.bodyDeferred else { return article.bodyHTML }
        guard let read, let html = read(article) else {
            changed.withLock { _ = $0.insert(article.path) }
            return ""
        }
        guard article.links.contains(where: { SourceLinks.isSource($0.value) }) else { return html }
        return links.rewrite(html, from: article.path, link: routes.link)
    }

    /// The articles whose files changed between parsing and rendering, sorted.
    var changedDuringBuild: [String] { changed.withLock { $0.sorted() } }
}
