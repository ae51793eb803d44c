import Foundation
import Testing
@testable import BantinKit

/// Photos (`Photos/`): made with libvips into every width as WebP and JPEG/PNG, oriented and
/// stripped of their metadata, shown as `<picture>` with their sizes, cached between builds.
/// The test photos are made here, with libvips, and given EXIF by hand (GPS, orientation 6, a
/// maker note) so that what must not be published is known to be in the sources.
@Suite(.serialized) struct PhotoTests {
    static let makerNote = "BANTIN-MAKER-NOTE-SERIAL-4711"

    /// A site with one organisation; `files` by path relative to the site.
    static func site(_ files: [String: Data], config: String = "") throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("bantin-photos-\(UUID().uuidString)")
        var all = files
        all["site.yml"] = Data("title: Ảnh\nbase_url: https://example.org/\nrelative_urls: false\n\(config)".utf8)
        all["content/organizations/hkh.md"] = Data("---\nname: Hội Khuyến học huyện Đông\n---\n".utf8)
        for (path, data) in all {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        }
        return root
    }

    static func article(_ title: String, image: String? = nil, alt: String? = "Ảnh chính", body: String) -> Data {
        var head = "---\ntitle: \(title)\ndate: 2024-03-0\(1 + title.count % 8)\norganization: hkh\n"
        if let image { head += "image: \(image)\n" }
        if let image, let alt, !image.isEmpty { head += "image_alt: \(alt)\n" }
        return Data((head + "---\n" + body + "\n").utf8)
    }

    /// A photo made by libvips, `width` × `height` as stored, in the format `name` names.
    static func photo(_ name: String, width: Int = 400, height: Int = 300, alpha: Bool = false, seed: Int = 1) throws -> Data {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bantin-sample-\(UUID().uuidString)-\(name)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        if let problem = Vips.sample(path, width: width, height: height, alpha: alpha, seed: seed) { throw SampleError(problem) }
        return try Data(contentsOf: URL(fileURLWithPath: path))
    }

    struct SampleError: Error { let why: String; init(_ why: String) { self.why = why } }

    /// `jpeg` with an EXIF block (APP1) after its start: orientation 6 (turned a quarter), a GPS
    /// latitude of 21° 1' 30" N and a maker note, as a phone writes them.
    static func withEXIF(_ jpeg: Data, orientation: UInt16 = 6) -> Data {
        var t: [UInt8] = Array("II".utf8) + le16(42) + le32(8)
        func entry(_ tag: UInt16, _ type: UInt16, _ count: UInt32, _ value: [UInt8]) -> [UInt8] {
            le16(tag) + le16(type) + le32(count) + value + [UInt8](repeating: 0, count: 4 - value.count)
        }
        let note = Array(makerNote.utf8)
        // IFD0 at 8 (3 entries: 42 bytes), the EXIF IFD at 50 (18), the GPS IFD at 68 (30), the
        // latitude at 98 (24), the maker note at 122.
        t += le16(3) + entry(0x0112, 3, 1, le16(orientation)) + entry(0x8769, 4, 1, le32(50)) + entry(0x8825, 4, 1, le32(68)) + le32(0)
        t += le16(1) + entry(0x927C, 7, UInt32(note.count), le32(122)) + le32(0)
        t += le16(2) + entry(0x0001, 2, 2, Array("N\0".utf8)) + entry(0x0002, 5, 3, le32(98)) + le32(0)
        t += le32(21) + le32(1) + le32(1) + le32(1) + le32(30) + le32(1)
        t += note
        let payload = Array("Exif\0\0".utf8) + t
        let segment: [UInt8] = [0xFF, 0xE1] + be16(UInt16(payload.count + 2)) + payload
        var bytes = [UInt8](jpeg)
        bytes.insert(contentsOf: segment, at: 2)
        return Data(bytes)
    }

    static func le16(_ v: UInt16) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8)] }
    static func be16(_ v: UInt16) -> [UInt8] { [UInt8(v >> 8), UInt8(v & 0xFF)] }
    static func le32(_ v: UInt32) -> [UInt8] { (0..<4).map { UInt8((v >> (8 * $0)) & 0xFF) } }
    static func be32(_ v: UInt32) -> [UInt8] { (0..<4).reversed().map { UInt8((v >> (8 * $0)) & 0xFF) } }

    /// A PNG whose header says 30000 × 30000 (900 megapixels): refused from its header alone.
    static func bomb() -> Data {
        func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
            let body = Array(type.utf8) + data
            return be32(UInt32(data.count)) + body + be32(crc32(body))
        }
        let ihdr = be32(30000) + be32(30000) + [8, 2, 0, 0, 0]
        // A zlib stream of a few empty bytes: the pixels are never reached.
        let idat: [UInt8] = [0x78, 0x9C, 0x63, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01]
        return Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + chunk("IHDR", ihdr) + chunk("IDAT", idat) + chunk("IEND", []))
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for b in bytes {
            crc ^= UInt32(b)
            for _ in 0..<8 { crc = (crc >> 1) ^ (0xEDB8_8320 & (0 &- (crc & 1))) }
        }
        return ~crc
    }

    static func build(_ root: URL, jobs: Int = Parallel.defaultJobs, output: String? = nil, check: Bool = false) -> BuildResult {
        var options = BuildOptions(source: root.path, output: output)
        options.reusesUnchangedOutput = output == nil
        options.jobs = jobs
        if check { (options.write, options.makesPhotos) = (false, false) }
        return Builder().build(options)
    }

    static func files(_ dir: URL) throws -> [String: Data] { try EngineRebuildTests.snapshot(dir) }

    static func contains(_ data: Data, _ needle: String) -> Bool { data.range(of: Data(needle.utf8)) != nil }

    /// The JPEG's segments before its picture data: APPn (metadata) among them.
    static func jpegMarkers(_ data: Data) -> [UInt8] {
        let b = [UInt8](data)
        var i = 2, out: [UInt8] = []
        while i + 4 <= b.count, b[i] == 0xFF {
            let m = b[i + 1]
            out.append(m)
            if m == 0xDA { break }
            i += 2 + Int(b[i + 2]) << 8 + Int(b[i + 3])
        }
        return out
    }

    static func riffChunks(_ data: Data) -> [String] {
        let b = [UInt8](data)
        var i = 12, out: [String] = []
        while i + 8 <= b.count {
            out.append(String(decoding: b[i..<i + 4], as: UTF8.self))
            let n = Int(b[i + 4]) | Int(b[i + 5]) << 8 | Int(b[i + 6]) << 16 | Int(b[i + 7]) << 24
            i += 8 + n + (n & 1)
        }
        return out
    }

    static func pngChunks(_ data: Data) -> [String] {
        let b = [UInt8](data)
        var i = 8, out: [String] = []
        while i + 8 <= b.count {
            let n = Int(b[i]) << 24 | Int(b[i + 1]) << 16 | Int(b[i + 2]) << 8 | Int(b[i + 3])
            out.append(String(decoding: b[i + 4..<i + 8], as: UTF8.self))
            i += 12 + n
        }
        return out
    }

    // MARK: -

    @Test func photosAreOrientedStrippedAndNeverUpscaled() throws {
        // 4000 × 3000 as stored, orientation 6: upright it is 3000 wide and 4000 high.
        let phone = Self.withEXIF(try Self.photo("dien-thoai.jpg", width: 2000, height: 1500))
        let small = Self.withEXIF(try Self.photo("nho.jpg", width: 400, height: 300, seed: 2), orientation: 1)
        let root = try Self.site([
            "content/tin/hop/index.md": Self.article("Hội nghị tổng kết", image: "dien-thoai.jpg", body: "Nội dung.\n\n![Ảnh nhỏ](nho.jpg)"),
            "content/tin/hop/dien-thoai.jpg": phone,
            "content/tin/hop/nho.jpg": small,
        ])
        let result = Self.build(root)
        #expect(result.succeeded, "\(result.diagnostics.sorted)")
        let out = try Self.files(root.appendingPathComponent("public"))
        let dir = "2024/hoi-nghi-tong-ket/"
        // Never upscaled: the small photo is 400 wide, so 400 is its only width.
        #expect(Set(out.keys.filter { $0.hasPrefix(dir + "nho") }) == [dir + "nho-400.webp", dir + "nho-400.jpg"])
        var expected: Set<String> = [dir + "dien-thoai-1200.jpg"]
        for w in ["480", "960", "1500"] {
            expected.insert(dir + "dien-thoai-" + w + ".webp")
            expected.insert(dir + "dien-thoai-" + w + ".jpg")
        }
        let made: Set<String> = Set(out.keys.filter { $0.hasPrefix(dir + "dien-thoai") })
        #expect(made == expected)
        // The originals are not published.
        #expect(out[dir + "dien-thoai.jpg"] == nil && out[dir + "nho.jpg"] == nil)
        // Upright: turned by its orientation, and told no orientation any more.
        let turned = root.appendingPathComponent("public/" + dir + "dien-thoai-960.jpg").path
        let header = try Vips.header(turned).get()
        #expect(header.width == 960 && header.height == 1280 && header.orientation == 1)
        // No published file carries any EXIF, GPS or maker note.
        for (path, data) in out {
            #expect(!Self.contains(data, "Exif"), "\(path) has EXIF")
            #expect(!Self.contains(data, Self.makerNote), "\(path) has the maker note")
            if path.hasSuffix(".jpg") {
                let markers: [UInt8] = Self.jpegMarkers(data)
                #expect(!markers.contains { $0 >= 0xE1 && $0 <= 0xEF }, "\(path) has APPn segments")
            }
            if path.hasSuffix(".webp") {
                let chunks: [String] = Self.riffChunks(data)
                #expect(chunks == ["VP8 "] || chunks == ["VP8L"] || chunks == ["VP8X", "ALPH", "VP8 "], "\(path): \(chunks)")
            }
        }
    }

    @Test func pagesShowPictureWithSizesAndAGallery() throws {
        let root = try Self.site([
            "content/tin/hop/index.md": Self.article("Trao học bổng", image: "hoi-truong.jpg",
                                                      body: "Đoạn đầu.\n\n![Các em nhận học bổng](trao.jpg \"Lễ trao\")\n\n[Ảnh lớn](trao.jpg)"),
            "content/tin/hop/hoi-truong.jpg": try Self.photo("a.jpg", width: 1600, height: 1200),
            "content/tin/hop/trao.jpg": try Self.photo("b.jpg", width: 1000, height: 750, seed: 2),
            "content/tin/hop/khach.jpg": try Self.photo("c.jpg", width: 800, height: 600, seed: 3),
            "content/tin/hop/trong-suot.png": try Self.photo("d.png", width: 500, height: 500, alpha: true, seed: 4),
        ])
        let result = Self.build(root)
        #expect(result.succeeded, "\(result.diagnostics.sorted)")
        let page = try read(root.appendingPathComponent("public"), "2024/trao-hoc-bong/index.html")
        // The lead photo: not lazy, with its size.
        #expect(page.contains(#"<figure class="lead-image"><picture><source type="image/webp" srcset="hoi-truong-480.webp 480w, hoi-truong-960.webp 960w, hoi-truong-1600.webp 1600w""#))
        #expect(page.contains(#"<img src="hoi-truong-960.jpg" srcset="hoi-truong-480.jpg 480w, hoi-truong-960.jpg 960w, hoi-truong-1600.jpg 1600w" sizes="(min-width: 48rem) 46rem, 100vw" width="960" height="720" alt="Ảnh chính"></picture></figure>"#))
        // In the body: lazy, its alt and title kept; a link to it leads to its widest size.
        #expect(page.contains(#"<img src="trao-960.jpg" srcset="trao-480.jpg 480w, trao-960.jpg 960w, trao-1000.jpg 1000w" sizes="(min-width: 48rem) 46rem, 100vw" width="960" height="720" alt="Các em nhận học bổng" title="Lễ trao" loading="lazy" decoding="async"></picture>"#))
        #expect(page.contains(#"<a href="trao-1000.jpg">Ảnh lớn</a>"#))
        // The photos the body does not place: a gallery, after the body; a PNG with transparency stays PNG.
        #expect(page.contains(#"<section class="gallery""#))
        #expect(page.contains(#"<a href="khach-800.jpg"><picture><source type="image/webp" srcset="khach-480.webp 480w, khach-800.webp 800w" sizes="(min-width: 48rem) 15rem, 50vw"><img src="khach-800.jpg""#))
        #expect(page.contains(#"srcset="trong-suot-480.png 480w, trong-suot-500.png 500w""#))
        #expect(page.contains(#"width="500" height="500" alt="Ảnh 2" loading="lazy" decoding="async">"#))
        // Link previews: the 1200-wide JPEG, absolute.
        #expect(page.contains(#"<meta property="og:image" content="https://example.org/2024/trao-hoc-bong/hoi-truong-1200.jpg">"#))
        let out = try Self.files(root.appendingPathComponent("public"))
        let png = try #require(out["2024/trao-hoc-bong/trong-suot-500.png"])
        #expect(Self.pngChunks(png).allSatisfy { ["IHDR", "IDAT", "IEND", "PLTE", "tRNS", "pHYs"].contains($0) }, "\(Self.pngChunks(png))")
        #expect(out["2024/trao-hoc-bong/trong-suot-500.webp"] != nil)
        // Only the lead photo has a preview JPEG (for link previews).
        #expect(out["2024/trao-hoc-bong/trong-suot-500.jpg"] == nil && out["2024/trao-hoc-bong/trao-1000.jpg"] != nil)
        #expect(out.keys.filter { $0.hasSuffix("-1200.jpg") } == ["2024/trao-hoc-bong/hoi-truong-1200.jpg"])
    }

    @Test func heicBecomesJPEGAndWebP() throws {
        let root = try Self.site([
            "content/tin/hop/index.md": Self.article("Ảnh từ iPhone", body: "![Hội trường](iphone.heic)"),
            "content/tin/hop/iphone.heic": try Self.photo("x.heic", width: 640, height: 480),
        ])
        let result = Self.build(root)
        #expect(result.succeeded, "\(result.diagnostics.sorted)")
        let out = try Self.files(root.appendingPathComponent("public"))
        #expect(Set(out.keys.filter { $0.hasPrefix("2024/anh-tu-iphone/iphone") }) == ["2024/anh-tu-iphone/iphone-480.webp", "2024/anh-tu-iphone/iphone-480.jpg",
                                                                     "2024/anh-tu-iphone/iphone-640.webp", "2024/anh-tu-iphone/iphone-640.jpg"])
        #expect(try read(root.appendingPathComponent("public"), "2024/anh-tu-iphone/index.html").contains(#"<img src="iphone-640.jpg""#))
    }

    @Test func originalsArePublishedStrippedWhenAsked() throws {
        let root = try Self.site([
            "content/tin/hop/index.md": Self.article("Bản gốc", body: "![Ảnh](goc.jpg)"),
            "content/tin/hop/goc.jpg": Self.withEXIF(try Self.photo("goc.jpg", width: 700, height: 500)),
        ], config: "images:\n  publish_originals: true\n  widths: [320]\n")
        let result = Self.build(root)
        #expect(result.succeeded, "\(result.diagnostics.sorted)")
        let out = try Self.files(root.appendingPathComponent("public"))
        let original = try #require(out["2024/ban-goc/goc.jpg"])
        #expect(!Self.contains(original, "Exif") && !Self.contains(original, Self.makerNote))
        #expect(try Vips.header(root.appendingPathComponent("public/2024/ban-goc/goc.jpg").path).get().width == 500)
        #expect(Set(out.keys.filter { $0.hasPrefix("2024/ban-goc/goc") }) == ["2024/ban-goc/goc.jpg", "2024/ban-goc/goc-320.jpg", "2024/ban-goc/goc-320.webp"])
    }

    @Test func badPhotosAreLocatedErrorsAllInOneRunAndNothingIsWritten() throws {
        var truncated = try Self.photo("t.jpg", width: 800, height: 600)
        truncated = truncated.prefix(truncated.count / 3)
        let root = try Self.site([
            "content/tin/a/index.md": Self.article("Bài một", body: "Đoạn.\n\n![Hội trường](hong.jpg)\n\n![Thiếu](khong-co.jpg)"),
            "content/tin/a/hong.jpg": Data("đây không phải là ảnh".utf8),
            "content/tin/b/index.md": Self.article("Bài hai", image: "cat-do.jpg", body: "Đoạn."),
            "content/tin/b/cat-do.jpg": truncated,
            "content/tin/c/index.md": Self.article("Bài ba", image: "mat.jpg", body: "Đoạn."),
            "content/tin/d/index.md": Self.article("Bài bốn", body: "![Quá lớn](bom.png)"),
            "content/tin/d/bom.png": Self.bomb(),
            "content/tin/e/index.md": Self.article("Bài năm", body: "![Tốt](tot.jpg)"),
            "content/tin/e/tot.jpg": try Self.photo("tot.jpg"),
        ])
        let result = Self.build(root)
        #expect(!result.succeeded)
        let errors = result.diagnostics.sorted.filter { $0.severity == .error }.map(\.description)
        func has(_ prefix: String, _ words: String...) -> Bool { errors.contains { e in e.hasPrefix(prefix) && words.allSatisfy { e.contains($0) } } }
        #expect(has("content/tin/a/index.md:8:1: error:", "the photo `hong.jpg` cannot be read as a photo"), "\(errors)")
        #expect(has("content/tin/a/index.md:10:1: error:", "the photo `khong-co.jpg`", "is not in the site"), "\(errors)")
        #expect(has("content/tin/b/index.md:5:8: error:", "the photo `cat-do.jpg` is damaged"), "\(errors)")
        #expect(has("content/tin/c/index.md:5:8: error:", "the photo `mat.jpg`", "is not in the site"), "\(errors)")
        #expect(has("content/tin/d/index.md:6:1: error:", "the photo `bom.png` is 30000 × 30000 pixels (900 megapixels)"), "\(errors)")
        #expect(errors.count == 5, "\(errors)")
        // Nothing written, not even the good photo's page.
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("public").path))
        // `check` finds the same without making any photo (the damaged one only shows when decoded).
        let checked = Self.build(root, check: true)
        #expect(checked.diagnostics.sorted.filter { $0.severity == .error }.count == 4, "\(checked.diagnostics.sorted)")
    }

    /// libvips is loaded at the first photo (photos.c): a machine without it builds a site
    /// without photos, and a site with photos fails at each photo with what to install.
    @Test func withoutLibvipsEachPhotoSaysWhatToInstall() throws {
        let root = try Self.site([
            "content/tin/a/index.md": Self.article("Bài một", image: "anh.jpg", body: "Đoạn."),
            "content/tin/a/anh.jpg": try Self.photo("anh.jpg"),
            "content/tin/b.md": Self.article("Bài hai", body: "Không có ảnh."),
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        func build(_ site: URL) throws -> Run {
            let process = Process()
            process.executableURL = bantinBinary()
            process.arguments = ["build", "--lang", "en", "--source", site.path]
            process.environment = ["BANTIN_LIBVIPS": "/nonexistent/libvips.so.42", "PATH": "/usr/bin:/bin"]
            let out = Pipe(), err = Pipe()
            (process.standardOutput, process.standardError) = (out, err)
            try process.run()
            let (o, e) = (out.fileHandleForReading.readDataToEndOfFile(), err.fileHandleForReading.readDataToEndOfFile())
            process.waitUntilExit()
            return Run(status: process.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
        }
        let failed = try build(root)
        #expect(failed.status == 1, "\(failed.stderr)")
        #expect(failed.stderr.contains("content/tin/a/index.md:5:8: error: the photo `anh.jpg`"), "\(failed.stderr)")
        #expect(failed.stderr.contains("libvips is not installed"), "\(failed.stderr)")
        #expect(failed.stderr.contains("apt-get install libvips42"), "\(failed.stderr)")
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("public").path))
        // The same site without the photo builds: nothing else needs libvips.
        try FileManager.default.removeItem(at: root.appendingPathComponent("content/tin/a"))
        let built = try build(root)
        #expect(built.status == 0, "\(built.stderr)")
    }

    @Test func photosOverTheLimitAreRefusedByTheSetting() throws {
        let root = try Self.site([
            "content/tin/a/index.md": Self.article("Bài một", body: "![Lớn](lon.jpg)"),
            "content/tin/a/lon.jpg": try Self.photo("lon.jpg", width: 400, height: 300),
        ], config: "images:\n  max_pixels: 100000\n")
        let result = Self.build(root)
        #expect(result.diagnostics.sorted.map(\.description).contains { $0.contains("the photo `lon.jpg` is 400 × 300 pixels") && $0.contains("`images.max_pixels` (100000)") },
                "\(result.diagnostics.sorted)")
    }

    @Test func theCacheMakesEachPhotoOnceAndForgetsUnusedOnes() throws {
        let root = try Self.site([
            "content/tin/a/index.md": Self.article("Bài một", body: "![Một](mot.jpg)\n\n![Hai](hai.jpg)"),
            "content/tin/a/mot.jpg": try Self.photo("mot.jpg", seed: 1),
            "content/tin/a/hai.jpg": try Self.photo("hai.jpg", seed: 2),
        ])
        #expect(Self.build(root).succeeded)
        let cache = root.appendingPathComponent(".bantin-cache/images")
        func entries() throws -> [String: String] {
            var out: [String: String] = [:]
            for name in try FileManager.default.contentsOfDirectory(atPath: cache.path) {
                out[name] = LocalFileSystem().stamp(cache.appendingPathComponent(name + "/photo.txt").path)
            }
            return out
        }
        let first = try entries()
        #expect(first.count == 2)
        // A new body and a full build from nothing: neither photo is made again.
        try FileManager.default.removeItem(at: root.appendingPathComponent("public"))
        try Self.article("Bài một", body: "Thêm.\n\n![Một](mot.jpg)\n\n![Hai](hai.jpg)").write(to: root.appendingPathComponent("content/tin/a/index.md"))
        #expect(Self.build(root).succeeded)
        #expect(try entries() == first)
        // One photo changed: it alone is made again, and its old entry is gone.
        try Self.photo("hai.jpg", width: 500, height: 300, seed: 9).write(to: root.appendingPathComponent("content/tin/a/hai.jpg"))
        let rebuilt = Self.build(root)
        #expect(rebuilt.succeeded && rebuilt.updatedInPlace != nil, "\(rebuilt.diagnostics.sorted)")
        let now = try entries()
        #expect(now.count == 2 && Set(now.keys).intersection(first.keys).count == 1)
        for (key, stamp) in now where first[key] != nil { #expect(stamp == first[key]) }
        #expect(try read(root.appendingPathComponent("public"), "2024/bai-mot/index.html").contains(#"srcset="hai-480.jpg 480w, hai-500.jpg 500w""#))
        // The rebuild's output is a clean build's.
        let clean = FileManager.default.temporaryDirectory.appendingPathComponent("bantin-photos-clean-\(UUID().uuidString)").path
        #expect(Self.build(root, output: clean).succeeded)
        #expect(try Self.files(root.appendingPathComponent("public")) == Self.files(URL(fileURLWithPath: clean)))
    }

    @Test func theOutputIsTheSameWhateverTheJobs() throws {
        var files: [String: Data] = ["content/tin/a/index.md": Self.article("Bài một", body: "Ảnh.")]
        for i in 0..<6 { files["content/tin/a/anh-\(i).jpg"] = try Self.photo("x.jpg", width: 900 + 40 * i, height: 600, seed: i) }
        let one = try Self.site(files), two = try Self.site(files)
        #expect(Self.build(one, jobs: 1).succeeded)
        #expect(Self.build(two, jobs: 4).succeeded)
        #expect(try Self.files(one.appendingPathComponent("public")) == Self.files(two.appendingPathComponent("public")))
    }

    @Test func aBodyPhotoWithoutDescriptionIsAWarning() throws {
        let root = try Self.site([
            "content/tin/a/index.md": Self.article("Bài một", body: "Đoạn.\n\n![](mot.jpg)"),
            "content/tin/a/mot.jpg": try Self.photo("mot.jpg"),
        ])
        let result = Self.build(root)
        #expect(result.succeeded)
        #expect(result.diagnostics.sorted.map(\.description).contains {
            $0.hasPrefix("content/tin/a/index.md:8:1: warning:") && $0.contains("the photo `mot.jpg` has no description")
        }, "\(result.diagnostics.sorted)")
    }

    @Test func galleryPhotosAreDescribedByPhotosInTheFrontMatter() throws {
        func article(_ photos: String) -> Data {
            Data("---\ntitle: Bài ảnh\ndate: 2024-03-02\norganization: hkh\nphotos:\n\(photos)---\nĐoạn.\n".utf8)
        }
        let root = try Self.site([
            "content/tin/a/index.md": article("  khach.jpg: Khách mời dự hội nghị\n  hoi-truong.jpg: Toàn cảnh hội trường\n"),
            "content/tin/a/khach.jpg": try Self.photo("k.jpg", seed: 1),
            "content/tin/a/hoi-truong.jpg": try Self.photo("h.jpg", seed: 2),
        ])
        let result = Self.build(root)
        #expect(result.succeeded)
        // Every gallery photo is described: no warning, and each has its own alt.
        #expect(result.diagnostics.sorted.isEmpty, "\(result.diagnostics.sorted)")
        let page = try read(root.appendingPathComponent("public"), "2024/bai-anh/index.html")
        #expect(page.contains(#"alt="Khách mời dự hội nghị" loading="lazy""#))
        #expect(page.contains(#"alt="Toàn cảnh hội trường" loading="lazy""#))
        // In the order `photos:` gives, not the files' order.
        let first = try #require(page.range(of: "Khách mời dự hội nghị")), second = try #require(page.range(of: "Toàn cảnh hội trường"))
        #expect(first.lowerBound < second.lowerBound)

        // An empty description, a path, `photos` outside a folder: located errors, nothing written.
        let bad = try Self.site([
            "content/tin/a/index.md": article("  khach.jpg: Khách mời\n  trong.jpg: \" \"\n  ../b/x.jpg: Ảnh bài khác\n"),
            "content/tin/a/khach.jpg": try Self.photo("k.jpg"),
            "content/tin/b.md": article("  x.jpg: Ảnh\n"),
        ])
        let failed = Self.build(bad)
        #expect(!failed.succeeded)
        let errors = failed.diagnostics.sorted.map(\.description)
        #expect(errors.contains { $0.hasPrefix("content/tin/a/index.md:7:14: error:") && $0.contains("write what `trong.jpg` shows") }, "\(errors)")
        #expect(errors.contains { $0.hasPrefix("content/tin/a/index.md:8:3: error:") && $0.contains("write the file's name alone") }, "\(errors)")
        #expect(errors.contains { $0.hasPrefix("content/tin/b.md:6:3: error:") && $0.contains("move it to a folder of its own") }, "\(errors)")
        #expect(!FileManager.default.fileExists(atPath: bad.appendingPathComponent("public").path))
        // A photo the folder does not have is the error of a missing photo, at its line.
        let missing = try Self.site([
            "content/tin/a/index.md": article("  khach.jpg: Khách mời\n  thieu.jpg: Ảnh không có\n"),
            "content/tin/a/khach.jpg": try Self.photo("k.jpg"),
        ])
        let gone = Self.build(missing)
        #expect(!gone.succeeded)
        #expect(gone.diagnostics.sorted.map(\.description).contains { $0.hasPrefix("content/tin/a/index.md:7:3: error:") && $0.contains("thieu.jpg") },
                "\(gone.diagnostics.sorted)")
        #expect(!FileManager.default.fileExists(atPath: missing.appendingPathComponent("public").path))
    }
}
