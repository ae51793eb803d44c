import CPhotos
import Glibc

/// libvips, through `CPhotos`: a photo's header, and one width of it made.
enum Vips {
    struct Header: Equatable {
        var width: Int
        var height: Int
        var orientation: Int
        var hasAlpha: Bool
        var loader: String

        /// The size upright: EXIF orientations 5 to 8 turn the photo a quarter.
        var upright: (width: Int, height: Int) { orientation >= 5 ? (height, width) : (width, height) }
    }

    /// Started once, before the first photo; nil, or what went wrong.
    private static let started: String? = bantin_photos_start() == 0 ? nil : String(cString: bantin_photos_problem())

    static func header(_ path: String) -> Result<Header, PhotoProblem> {
        if let started { return .failure(.unreadable(started)) }
        var header = bantin_photo_header()
        var error = [CChar](repeating: 0, count: 512)
        guard bantin_photo_header_read(path, &header, &error, error.count) == 0 else {
            return .failure(.unreadable(String(cString: error)))
        }
        let loader = withUnsafeBytes(of: header.loader) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        return .success(Header(width: Int(header.width), height: Int(header.height), orientation: Int(header.orientation),
                               hasAlpha: header.has_alpha != 0, loader: loader))
    }

    /// One width to make, and where each format goes (nil: not wanted).
    struct Output {
        var width: Int
        var webp: String?
        var jpeg: String?
        var png: String?
        var jpegQuality: Int
    }

    /// Makes every output of the photo at `path` (decoded once, at the widest). Returns the
    /// size each was made at, in the order given.
    static func make(_ path: String, _ outputs: [Output], webpQuality: Int) -> Result<[(width: Int, height: Int)], PhotoProblem> {
        if let started { return .failure(.unreadable(started)) }
        // Widest first: the photo is decoded at the first width and the others made from it.
        let order = outputs.indices.sorted { outputs[$0].width > outputs[$1].width }
        var error = [CChar](repeating: 0, count: 512)
        var strings: [UnsafeMutablePointer<CChar>?] = []
        defer { strings.forEach { free($0) } }
        func c(_ s: String?) -> UnsafePointer<CChar>? {
            guard let s else { return nil }
            let copy = strdup(s)
            strings.append(copy)
            return UnsafePointer(copy)
        }
        var requests = order.map { i in
            bantin_photo_output(width: Int32(outputs[i].width), webp_path: c(outputs[i].webp), jpeg_path: c(outputs[i].jpeg),
                                png_path: c(outputs[i].png), jpeg_quality: Int32(outputs[i].jpegQuality), made_width: 0, made_height: 0)
        }
        guard bantin_photo_make(path, &requests, Int32(requests.count), Int32(webpQuality), &error, error.count) == 0 else {
            return .failure(.damaged(String(cString: error)))
        }
        var sizes = [(width: Int, height: Int)](repeating: (0, 0), count: outputs.count)
        for (k, i) in order.enumerated() { sizes[i] = (Int(requests[k].made_width), Int(requests[k].made_height)) }
        return .success(sizes)
    }

    /// A photo-like test image (see `bantin_photo_sample`); nil, or what went wrong.
    public static func sample(_ path: String, width: Int, height: Int, alpha: Bool = false, seed: Int = 1) -> String? {
        if let started { return started }
        var error = [CChar](repeating: 0, count: 512)
        guard bantin_photo_sample(path, Int32(width), Int32(height), alpha ? 1 : 0, Int32(truncatingIfNeeded: seed), &error, error.count) == 0 else {
            return String(cString: error)
        }
        return nil
    }

}

/// What can be wrong with a photo, in words for the person who saved it.
enum PhotoProblem: Error, Equatable {
    /// Not a photo libvips can read (another kind of file under a photo's name, a format it lacks).
    case unreadable(String)
    /// Read, but its pixels could not be decoded (a damaged or cut-short file).
    case damaged(String)
    /// More pixels than `images.max_pixels`.
    case tooLarge(width: Int, height: Int, limit: Int)

    func message(photo: String) -> String {
        switch self {
        case .unreadable(let why):
            return "the photo `\(photo)` cannot be read as a photo (\(why)); save it again as JPEG, PNG, WebP or HEIC"
        case .damaged(let why):
            return "the photo `\(photo)` is damaged (\(why)); copy it again from the camera or phone, or save it again as JPEG"
        case .tooLarge(let width, let height, let limit):
            let mp = (width * height + 500_000) / 1_000_000
            return "the photo `\(photo)` is \(width) × \(height) pixels (\(mp) megapixels), more than `images.max_pixels` (\(limit)) allows; make it smaller (e.g. 4000 pixels wide) before adding it, or raise `images.max_pixels` in site.yml"
        }
    }
}
