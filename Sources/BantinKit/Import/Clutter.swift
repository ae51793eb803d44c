import Foundation

/// What a portal puts around an article that is not the article: counters, ratings, share and
/// print links, related-news lists, comment forms, welcome banners. Matched on text folded to
/// plain letters (`Lượt xem` and `LUOT XEM` alike), and on the names CMS templates give their parts.
enum Clutter {
    /// A line or block that starts with one of these is dropped wherever it is.
    static let noisePrefixes = [
        "luot xem", "luot doc", "so luot xem", "so luot truy cap", "luot truy cap", "truy cap", "dang truy cap", "online:",
        "thong ke:", "trong nam:", "trong thang:", "trong tuan:", "trong ngay:", "hom nay:", "tong so:",
        "danh gia", "luot danh gia", "binh chon", "binh luan", "y kien ban doc", "gui y kien", "ma xac thuc", "ma bao ve",
        "nhap ma", "chia se", "in bai", "in trang", "gui email", "gui bai", "email:", "luu bai", "bao loi",
        "loading", "chao mung ban den", "hotline", "tin noi bat", "trang chu", "quay lai", "ve dau trang", "len dau trang",
        "visitor counter", "ban do hanh chinh", "lien ket website", "thu vien anh", "thu vien video",
        "chuong trinh phat thanh", "facebook", "twitter", "zalo", "tweet", "like", "font size", "co chu",
        "tags:", "tu khoa:", "chuyen muc:", "dang nhap", "dang ky nhan tin",
    ]

    /// The article ends where one of these begins: what follows is the portal's, not the article's.
    static let endPrefixes = [
        "cac bai viet khac", "bai viet khac", "bai viet lien quan", "tin lien quan", "tin khac", "cac tin khac",
        "tin cung chuyen muc", "bai cung chuyen muc", "co lien quan", "bai viet cung chu de", "xem tiep", "danh gia:", "y kien ban doc", "binh luan",
        "thu vien video", "thu vien anh", "lien ket website", "luot truy cap", "thong ke truy cap", "tin moi nhat", "tin doc nhieu",
    ]

    /// Class and id words of the parts of a page that are never the article.
    static let markWords = [
        "menu", "navbar", "breadcrumb", "sidebar", "side-bar", "footer", "share", "social", "print", "email", "related",
        "comment", "captcha", "rating", "vote", "counter", "visitor", "statistic", "thongke", "luotxem", "view-count",
        "banner", "advert", "quangcao", "widget", "tags", "pagination", "pager", "toolbar", "search", "login",
    ]

    static func isNoise(_ text: String) -> Bool {
        let folded = ImportText.fold(ImportText.collapse(text))
        if folded.isEmpty { return true }
        // A lone bullet or mark (•, ê where a photo was) is not text; a signature (PV) is.
        let plain = ImportText.collapse(text)
        if folded.count <= 2 && !folded.contains(where: \.isNumber) && !(plain.count == 2 && plain.allSatisfy(\.isUppercase)) { return true }
        guard folded.count < 160 else { return false }
        return noisePrefixes.contains { folded.hasPrefix($0) } || folded.hasPrefix("• loading")
    }

    static func endsArticle(_ text: String) -> Bool {
        let folded = ImportText.fold(ImportText.collapse(text))
        guard folded.count < 80 else { return false }
        return endPrefixes.contains { folded.hasPrefix($0) }
    }

    /// Whether an element's class or id says it is a portal part (a share bar, a sidebar).
    static func isPortalPart(_ node: HTMLNode) -> Bool {
        let marks = node.marks
        guard !marks.trimmingCharacters(in: .whitespaces).isEmpty else { return false }
        let words = marks.split(whereSeparator: { $0 == " " || $0 == "_" }).map(String.init)
        return words.contains { word in markWords.contains { word.contains($0) } }
    }
}
