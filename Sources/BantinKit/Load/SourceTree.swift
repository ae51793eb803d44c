import Foundation

/// A file read from the site folder. `path` is relative to the site folder, as diagnostics print it.
public struct SourceFile: Sendable {
    public var path: String
    public var data: Data
    /// The file's version as the file system stamps it, when it can (see `FileSystem.stamp`).
    public var stamp: String?
    /// True when the file was not read because its stamp matched one the caller already had
    /// parsed (`data` is then empty).
    public var reused = false
    /// True when the file was listed but not read yet: the build reads each article only when
    /// it parses it (`SourceLoader.read(_:root:)`), so a large site's text is never all in memory.
    public var deferred = false

    public init(path: String, data: Data, stamp: String? = nil) {
        self.path = path
        self.data = data
        self.stamp = stamp
    }
}

/// A file copied to the output as it is.
public struct AssetFile: Sendable, Hashable {
    /// Absolute path to read from.
    public var sourcePath: String
    /// Path relative to the output folder.
    public var outputPath: String
}

/// A content file that is an article, with its bundle's other files if it is `…/<name>/index.md`.
public struct ArticleSource: Sendable {
    public var file: SourceFile
    /// Paths relative to the bundle folder, e.g. `anh-hoi-nghi.jpg`.
    public var bundleAssets: [String]
    /// Absolute path of the bundle folder.
    public var bundleDirectory: String?
}

/// Everything the pipeline reads from the site folder, classified as the contract lays it out.
public struct SourceTree: Sendable {
    /// The folders a site's sources live in, beside `site.yml`: what a build depends on and what
    /// the preview watches.
    public static let folders = ["content", "layouts", "static", "i18n"]

    /// `folder` (absolute) and the folders below it, walked as the loader walks them: for the
    /// preview's watcher. Empty when it is not a folder or leads out of the site at `root`.
    public static func folders(below folder: String, root: String) -> [String] {
        guard LocalFileSystem().outsideTarget(of: folder, boundary: root) == nil,
              let walked = try? DirectoryWalk.walk(folder, stat: false, boundary: root) else { return [] }
        return [folder] + walked.entries.filter(\.isFolder).map { folder + "/" + $0.path }
    }

    public var root: String
    public var config: SourceFile?
    public var organizations: [SourceFile] = []
    public var pages: [SourceFile] = []
    public var articles: [ArticleSource] = []
    /// Template name (without `.mustache`) → file.
    public var layouts: [String: SourceFile] = [:]
    public var staticFiles: [AssetFile] = []
    /// `i18n/<language>.yml` files by name (`vi.yml`).
    public var strings: [String: SourceFile] = [:]
}

/// Walks the site folder.
public struct SourceLoader: Sendable {
    public let fileSystem: any FileSystem
    /// See `load(listed:)`.
    private var listed: [String: [String]]?

    public init(fileSystem: any FileSystem = LocalFileSystem()) {
        self.fileSystem = fileSystem
    }

    /// `known` maps an article's path to the stamp of the version the caller has parsed: such
    /// articles are listed but not read again (the preview server's incremental rebuild). With
    /// `reading`, only the articles it names are read (the command line's incremental build).
    /// With `deferringArticles`, articles are listed but not read (see `SourceFile.deferred`).
    /// `listed` gives the files of each folder when the caller has just walked them (the
    /// engine's fingerprint): they are not walked again.
    public func load(root: String, diagnostics: inout Diagnostics, known: [String: String] = [:], reading: Set<String>? = nil,
                     deferringArticles: Bool = false, listed: [String: [String]]? = nil) -> SourceTree {
        var loader = self
        loader.listed = listed
        return loader.loadListed(root: root, diagnostics: &diagnostics, known: known, reading: reading, deferringArticles: deferringArticles)
    }

    private func loadListed(root: String, diagnostics: inout Diagnostics, known: [String: String], reading: Set<String>?,
                            deferringArticles: Bool) -> SourceTree {
        var tree = SourceTree(root: root)
        let configPath = root + "/" + SiteConfigLoader.fileName
        if let target = fileSystem.outsideTarget(of: configPath, boundary: root) {
            diagnostics.error(SourceLocation(path: SiteConfigLoader.fileName), "links outside the site (to \(target)); Bantin does not read it")
        } else if fileSystem.exists(configPath) {
            tree.config = read(configPath, as: SiteConfigLoader.fileName, &diagnostics)
        } else {
            diagnostics.error(SourceLocation(path: SiteConfigLoader.fileName), "site.yml not found in \(root); every site needs one with at least `title` and `base_url`")
        }

        let contentFiles = list("content", root: root, &diagnostics)
        let bundleDirs = Set(contentFiles.filter { $0 == "index.md" || $0.hasSuffix("/index.md") }.map { dirname($0) })
        var bundleAssets: [String: [String]] = [:]
        var toRead: [(slot: Int, path: String)] = []
        for path in contentFiles {
            let rel = "content/" + path
            let kind = SourceKind.of(rel)
            if kind != .contentFile {
                if kind == .organization {
                    if let f = read(root + "/" + rel, as: rel, &diagnostics) { tree.organizations.append(f) }
                } else if kind == .page {
                    if let f = read(root + "/" + rel, as: rel, &diagnostics) { tree.pages.append(f) }
                } else if let reading, !reading.contains(rel) {
                    var f = SourceFile(path: rel, data: Data())
                    f.reused = true
                    tree.articles.append(ArticleSource(file: f, bundleAssets: [], bundleDirectory: nil))
                } else if let stamp = known[rel], fileSystem.stamp(root + "/" + rel) == stamp {
                    var f = SourceFile(path: rel, data: Data(), stamp: stamp)
                    f.reused = true
                    tree.articles.append(ArticleSource(file: f, bundleAssets: [], bundleDirectory: nil))
                } else {
                    toRead.append((tree.articles.count, rel))
                    tree.articles.append(ArticleSource(file: SourceFile(path: rel, data: Data()), bundleAssets: [], bundleDirectory: nil))
                }
            } else if let bundle = enclosingBundle(of: path, in: bundleDirs) {
                let inside = bundle.isEmpty ? path : String(path.dropFirst(bundle.count + 1))
                bundleAssets[bundle, default: []].append(inside)
            }
            // Other non-Markdown files under content/ are not published, as in Hugo.
        }
        if deferringArticles {
            for (slot, _) in toRead { tree.articles[slot].file.deferred = true }
        } else {
            readArticles(toRead, root: root, into: &tree, &diagnostics)
        }
        attachBundles(bundleAssets, root: root, to: &tree)

        for path in list("layouts", root: root, &diagnostics) where path.hasSuffix(".mustache") {
            let rel = "layouts/" + path
            if let f = read(root + "/" + rel, as: rel, &diagnostics) {
                tree.layouts[String(path.dropLast(".mustache".count))] = f
            }
        }
        for path in list("i18n", root: root, &diagnostics) where path.hasSuffix(".yml") && !path.contains("/") {
            if let f = read(root + "/i18n/" + path, as: "i18n/" + path, &diagnostics) { tree.strings[path] = f }
        }
        for path in list("static", root: root, &diagnostics) {
            tree.staticFiles.append(AssetFile(sourcePath: root + "/static/" + path, outputPath: path))
        }
        return tree
    }

    /// Reads the articles at `toRead` (their slots in `tree.articles`) on every core: at 10k
    /// articles, reading them one by one was a tenth of the build. One that cannot be read is
    /// dropped, with its error.
    private func readArticles(_ toRead: [(slot: Int, path: String)], root: String, into tree: inout SourceTree, _ diagnostics: inout Diagnostics) {
        var unreadable: Set<Int> = []
        for ((slot, rel), (file, d)) in zip(toRead, Parallel.map(toRead, jobs: Parallel.defaultJobs, { _, rel in
            var d = Diagnostics()
            return (read(root + "/" + rel, as: rel, &d), d)
        })) {
            diagnostics.append(contentsOf: d)
            if let file { tree.articles[slot].file = file } else { unreadable.insert(slot) }
        }
        if !unreadable.isEmpty {
            tree.articles = tree.articles.enumerated().filter { !unreadable.contains($0.offset) }.map(\.element)
        }
    }

    /// Each bundle's article (an `index.md`) gets its folder and the files beside it.
    private func attachBundles(_ bundleAssets: [String: [String]], root: String, to tree: inout SourceTree) {
        for i in tree.articles.indices {
            let path = String(tree.articles[i].file.path.dropFirst("content/".count))
            guard path == "index.md" || path.hasSuffix("/index.md") else { continue }
            let dir = dirname(path)
            tree.articles[i].bundleDirectory = root + "/content" + (dir.isEmpty ? "" : "/" + dir)
            tree.articles[i].bundleAssets = bundleAssets[dir] ?? []
        }
    }

    /// The files below one of the site's folders (`content`), with every entry the walk refused
    /// reported where it stands.
    private func list(_ folder: String, root: String, _ diagnostics: inout Diagnostics) -> [String] {
        let dir = root + "/" + folder
        if let target = fileSystem.outsideTarget(of: dir, boundary: root) {
            diagnostics.error(SourceLocation(path: folder), "links outside the site (to \(target)); Bantin does not publish it")
            return []
        }
        if let files = listed?[folder] { return files }
        do {
            let listing = try fileSystem.listing(under: dir, within: root)
            for problem in listing.problems {
                diagnostics.error(SourceLocation(path: problem.path.isEmpty ? folder : folder + "/" + problem.path), problem.message)
            }
            return listing.files
        } catch {
            diagnostics.error(SourceLocation(path: folder), "cannot open this folder: \(error)")
            return []
        }
    }

    /// An article listed with `deferringArticles`, now read; nil (with the error) when it cannot be.
    public func read(_ article: ArticleSource, root: String, _ diagnostics: inout Diagnostics) -> ArticleSource? {
        guard article.file.deferred else { return article }
        guard let file = read(root + "/" + article.file.path, as: article.file.path, &diagnostics) else { return nil }
        var read = article
        read.file = file
        return read
    }

    private func read(_ path: String, as rel: String, _ diagnostics: inout Diagnostics) -> SourceFile? {
        do {
            // Stamped before reading: a write in between makes the next look read it again.
            let stamp = fileSystem.stamp(path)
            return SourceFile(path: rel, data: try fileSystem.read(path), stamp: stamp)
        } catch {
            diagnostics.error(SourceLocation(path: rel), "cannot read this file: \(error)")
            return nil
        }
    }

    /// The nearest folder above `path` that holds an `index.md`.
    private func enclosingBundle(of path: String, in bundles: Set<String>) -> String? {
        var dir = dirname(path)
        while true {
            if bundles.contains(dir) { return dir }
            if dir.isEmpty { return nil }
            dir = dirname(dir)
        }
    }
}

func dirname(_ path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "" }
    return String(path[..<slash])
}
