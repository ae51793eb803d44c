import Foundation

/// `.bantin-cache/images/`: each photo processed once, kept under a key of its bytes and of the
/// settings that shape what is made of it. Full builds, command-line rebuilds and the preview
/// share it; an entry no build uses any more is removed after a build (`prune`).
struct PhotoCache: Sendable {
    static let folderName = "images"
    let folder: String

    init(root: String) { folder = root + "/" + CacheFolder.name + "/" + Self.folderName }

    /// Bumped when what Bantin makes of a photo changes, so old entries are not used.
    private static let version = "photos 2"

    /// `preview`: a lead photo, which has a JPEG for link previews too.
    static func key(digest: UInt64, settings: ImageSettings, preview: Bool) -> UInt64 {
        var key = KeyHasher()
        key.add(version)
        key.add(digest)
        key.add(settings.widths.map(String.init).joined(separator: " "))
        key.add(settings.jpegQuality)
        key.add(settings.webpQuality)
        key.add(settings.publishOriginals ? 1 : 0)
        key.add(preview ? ImageSettings.previewWidth : 0)
        return key.value
    }

    func entry(_ key: UInt64) -> String { folder + "/" + Digest.hex(key) }

    /// The entry made for `key`, when there is a whole one.
    func cached(_ key: UInt64) -> ProcessedPhoto? {
        guard let text = try? String(contentsOfFile: entry(key) + "/photo.txt", encoding: .utf8) else { return nil }
        return ProcessedPhoto.read(manifest: text, key: key)
    }

    /// Makes every file of the photo at `source` in a new folder, then puts it in place whole:
    /// an entry is there with all its files or not at all, whoever is killed when.
    func make(_ source: String, key: UInt64, header: Vips.Header, settings: ImageSettings, preview: Bool) -> Result<ProcessedPhoto, PhotoProblem> {
        let fm = FileManager.default
        let temp = folder + "/.new-\(Digest.hex(key))-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        do { try fm.createDirectory(atPath: temp, withIntermediateDirectories: true) } catch {
            return .failure(.unreadable("the photo cache \(folder) cannot be written: \(error.localizedDescription)"))
        }
        defer { try? fm.removeItem(atPath: temp) }
        let upright = header.upright
        let fallback: ProcessedPhoto.Fallback = header.hasAlpha ? .png : .jpeg
        var photo = ProcessedPhoto(key: key, width: upright.width, height: upright.height, fallback: fallback, sizes: [],
                                   preview: nil, original: nil)
        func output(_ width: Int, webp: Bool, fallbackName: String? = nil, jpeg: String? = nil, quality: Int = settings.jpegQuality) -> Vips.Output {
            Vips.Output(width: width, webp: webp ? "\(temp)/\(width).webp" : nil,
                        jpeg: jpeg.map { temp + "/" + $0 } ?? (fallback == .jpeg ? fallbackName.map { temp + "/" + $0 } : nil),
                        png: fallback == .png ? fallbackName.map { temp + "/" + $0 } : nil, jpegQuality: quality)
        }
        let widths = ProcessedPhoto.widths(for: upright.width, settings: settings)
        var outputs = widths.map { output($0, webp: true, fallbackName: "\($0).\(fallback.rawValue)") }
        let previewWidth = min(ImageSettings.previewWidth, upright.width)
        let previewIsASize = fallback == .jpeg && widths.contains(previewWidth)
        if preview && !previewIsASize { outputs.append(output(previewWidth, webp: false, jpeg: "preview.jpg")) }
        if settings.publishOriginals { outputs.append(output(upright.width, webp: false, fallbackName: "original.\(fallback.rawValue)", quality: 92)) }
        let made: [(width: Int, height: Int)]
        switch Vips.make(source, outputs, webpQuality: settings.webpQuality) {
        case .success(let sizes): made = sizes
        case .failure(let problem): return .failure(problem)
        }
        photo.sizes = made.prefix(widths.count).map { .init(width: $0.width, height: $0.height) }
        var rest = made.dropFirst(widths.count)
        if preview {
            photo.preview = previewIsASize ? photo.sizes.first { $0.width == previewWidth } : rest.popFirst().map { .init(width: $0.width, height: $0.height) }
        }
        if settings.publishOriginals { photo.original = rest.popFirst().map { .init(width: $0.width, height: $0.height) } }
        do {
            try photo.manifest().write(toFile: temp + "/photo.txt", atomically: false, encoding: .utf8)
            if rename(temp, entry(key)) != 0 {
                // Made at the same time by another build (the preview and the command line): theirs stands.
                if let theirs = cached(key) { return .success(theirs) }
                try? fm.removeItem(atPath: entry(key))
                guard rename(temp, entry(key)) == 0 else { throw CocoaError(.fileWriteUnknown) }
            }
        } catch {
            return .failure(.unreadable("the photo cache \(folder) cannot be written"))
        }
        return .success(photo)
    }

    /// Removes the entries (and unfinished folders) not in `keeping`.
    func prune(keeping: Set<UInt64>) {
        let keep = Set(keeping.map(Digest.hex))
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where !keep.contains(name) {
            // Another build's unfinished folder is its own to remove, unless its process is gone.
            if name.hasPrefix(".new-"), let pid = name.split(separator: "-").dropLast().last.flatMap({ Int32($0) }), pid != getpid(), kill(pid, 0) == 0 { continue }
            try? FileManager.default.removeItem(atPath: folder + "/" + name)
        }
    }
}
