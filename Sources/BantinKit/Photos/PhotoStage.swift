import Foundation

/// Every photo a page shows, as published (`ProcessedPhoto`), by its path in the site
/// (`content/tin/hop-mat/anh.jpg`). What the renderer reads to write `<picture>`, galleries
/// and link previews; empty for a site without photos.
public struct PhotoCatalog: Sendable {
    var photos: [String: ProcessedPhoto] = [:]
    /// The photo cache's folder, where the published files are copied from.
    var folder = ""

    public init() {}

    /// A file of `photo`'s cache entry (`ProcessedPhoto.files`).
    func cached(_ photo: ProcessedPhoto, _ file: String) -> String { folder + "/" + Digest.hex(photo.key) + "/" + file }

    public var isEmpty: Bool { photos.isEmpty }

    /// The photo `name` (as the article writes it: `anh.jpg`, `./anh.jpg`) of the article's bundle.
    func photo(_ article: Article, _ name: String) -> ProcessedPhoto? {
        guard !photos.isEmpty, article.bundleDirectory != nil, let path = Self.sitePath(article, name) else { return nil }
        return photos[path]
    }

    /// The path in the site of a file `name` of the article's bundle; nil for a name that
    /// leaves it, has a scheme or a query.
    /// The photos of `article`'s folder its text links to or `image:` names, by site path: all
    /// but these are the gallery's.
    static func placed(_ article: Article) -> Set<String> {
        Set((article.links.map(\.value) + (article.image.map { [$0] } ?? [])).compactMap { sitePath(article, $0) })
    }

    static func sitePath(_ article: Article, _ name: String) -> String? {
        guard !name.hasPrefix("/"), !name.contains(":"), !name.contains("?"), !name.contains("#") else { return nil }
        let folder = article.path.split(separator: "/").dropLast().joined(separator: "/")
        var parts: [Substring] = []
        for part in (folder + "/" + (name.removingPercentEncoding ?? name)).split(separator: "/") {
            if part == "." { continue }
            if part == ".." { if parts.popLast() == nil { return nil }; continue }
            parts.append(part)
        }
        let normalized = parts.joined(separator: "/")
        return normalized.hasPrefix(folder + "/") ? normalized : nil
    }

    /// A key of every photo of the article as published: its page changes with any of them.
    func key(_ article: Article) -> UInt64 {
        guard !photos.isEmpty, article.bundleDirectory != nil else { return 0 }
        var key = KeyHasher()
        for asset in article.bundleAssets {
            if let photo = photo(article, asset) { key.add(photo.key) }
        }
        return key.value
    }
}

/// The photo stage, between the index and the render: every photo of every published article's
/// bundle is read (its header first, so a photo too large is refused before it is decoded),
/// then made in each width and format into the photo cache, or taken from it, on every core.
/// A photo that cannot be used is an error at the article that shows it; the others are still
/// checked in the same run.
enum PhotoStage {
    enum Mode {
        /// Make what the cache lacks (a build).
        case make
        /// Read the headers only, and say what would be made (`bantin check`: nothing written).
        case inspect
    }

    struct Use {
        var article: Int
        var name: String
        /// In the site (`content/…`), and on disk.
        var sitePath: String
        var file: String
        /// The article's `image:`: it has a JPEG for link previews too.
        var isLead: Bool
    }

    /// Each photo of each article's bundle, once.
    static func uses(_ index: SiteIndex) -> [Use] {
        var out: [Use] = []
        for (i, a) in index.articles.enumerated() {
            guard let dir = a.bundleDirectory else { continue }
            let lead = a.image.flatMap { PhotoCatalog.sitePath(a, $0) }
            for asset in a.bundleAssets where ProcessedPhoto.isPhoto(asset) {
                guard let path = PhotoCatalog.sitePath(a, asset) else { continue }
                out.append(Use(article: i, name: asset, sitePath: path, file: dir + "/" + asset, isLead: path == lead))
            }
        }
        return out
    }

    /// The catalog, and the cache keys it uses. `digest` gives a file's digest when the build
    /// has it already (the fingerprint), by its path in the site.
    static func run(_ index: SiteIndex, root: String, mode: Mode, jobs: Int, progress: BuildProgress? = nil, digest: (String) -> UInt64?,
                    diagnostics: inout Diagnostics) -> (catalog: PhotoCatalog, keys: Set<UInt64>) {
        let uses = uses(index)
        guard !uses.isEmpty else { return (PhotoCatalog(), []) }
        let settings = index.config.images
        let cache = PhotoCache(root: root)
        let keys = uses.map { use in
            (digest(use.sitePath) ?? LocalFileSystem().digest(use.file)).map { PhotoCache.key(digest: $0, settings: settings, preview: use.isLead) }
        }
        let order = Array(uses.indices)
        progress?.start(mode == .make ? "making photos" : "reading photos", total: order.count)
        let made = Parallel.map(order, jobs: jobs) { i -> Result<ProcessedPhoto, PhotoProblem> in
            defer { progress?.advance() }
            guard let key = keys[i] else { return .failure(.unreadable("the file cannot be read")) }
            if let cached = cache.cached(key) { return .success(cached) }
            return process(uses[i].file, key: key, settings: settings, cache: cache, mode: mode, preview: uses[i].isLead)
        }
        var catalog = PhotoCatalog()
        catalog.folder = cache.folder
        var used = Set<UInt64>()
        for (i, result) in zip(order, made) {
            let use = uses[i]
            switch result {
            case .success(let photo):
                catalog.photos[use.sitePath] = photo
                used.insert(photo.key)
            case .failure(let problem):
                diagnostics.error(location(of: use, in: index.articles[use.article]), problem.message(photo: use.name))
            }
        }
        for (i, names) in galleryOnly(uses, index).sorted(by: { $0.key < $1.key }) {
            let list = names.map { "`\($0)`" }.joined(separator: ", ")
            diagnostics.warning(index.articles[i].location,
                                "\(names.count == 1 ? "the photo" : "\(names.count) photos") \(list) of this article's folder \(names.count == 1 ? "is" : "are") shown in a gallery after the text, with no description; describe each in the front-matter, as in `photos: { \(names[0]): Khách mời dự hội nghị }`, or place it in the text: ![Khách mời dự hội nghị](\(names[0]))")
        }
        return (catalog, used)
    }

    /// By article, the photos neither its text nor `image:` shows: the gallery's, which have no description.
    static func galleryOnly(_ uses: [Use], _ index: SiteIndex) -> [Int: [String]] {
        var out: [Int: [String]] = [:]
        var placed: [Int: Set<String>] = [:]
        for use in uses {
            let a = index.articles[use.article]
            let shown = placed[use.article] ?? PhotoCatalog.placed(a)
            placed[use.article] = shown
            if !shown.contains(use.sitePath) && a.caption(of: use.name) == nil { out[use.article, default: []].append(use.name) }
        }
        return out
    }

    private static func process(_ file: String, key: UInt64, settings: ImageSettings, cache: PhotoCache, mode: Mode, preview: Bool) -> Result<ProcessedPhoto, PhotoProblem> {
        let header: Vips.Header
        switch Vips.header(file) {
        case .success(let h): header = h
        case .failure(let problem): return .failure(problem)
        }
        guard header.width * header.height <= settings.maxPixels else {
            return .failure(.tooLarge(width: header.width, height: header.height, limit: settings.maxPixels))
        }
        switch mode {
        case .make: return cache.make(file, key: key, header: header, settings: settings, preview: preview)
        case .inspect: return .success(predicted(header, key: key, settings: settings, preview: preview))
        }
    }

    /// What `make` would make, from the header alone (for `check`, which writes nothing).
    static func predicted(_ header: Vips.Header, key: UInt64, settings: ImageSettings, preview: Bool) -> ProcessedPhoto {
        let (w, h) = header.upright
        func size(_ width: Int) -> ProcessedPhoto.Size {
            .init(width: width, height: max(1, Int((Double(h) * Double(width) / Double(w)).rounded())))
        }
        return ProcessedPhoto(key: key, width: w, height: h, fallback: header.hasAlpha ? .png : .jpeg,
                              sizes: ProcessedPhoto.widths(for: w, settings: settings).map(size),
                              preview: preview ? size(min(ImageSettings.previewWidth, w)) : nil,
                              original: settings.publishOriginals ? size(w) : nil)
    }

    /// Where the article shows the photo: the first Markdown image or link to it, else `image:`,
    /// else the article itself (a photo of the gallery).
    static func location(of use: Use, in article: Article) -> SourceLocation {
        for link in article.links where PhotoCatalog.sitePath(article, link.value) == use.sitePath { return link.location }
        if let image = article.image, PhotoCatalog.sitePath(article, image) == use.sitePath, let at = article.imageLocation { return at }
        return article.location
    }
}
