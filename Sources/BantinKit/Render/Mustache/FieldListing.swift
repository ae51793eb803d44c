/// `bantin fields`: what every layout may use, from the same field tables the compiler checks
/// layouts against, so the listing can never disagree with what a build accepts.
public enum FieldListing {
    public static func text() -> String {
        var out = """
        Layouts (layouts/<name>.mustache) override the built-in templates of the same name. Each page
        template renders its model's fields, plus `site`, `t` (the theme's words: `t.<key>`) and
        `page` (the page's head). `{{name}}` shows a field escaped, `{{{name}}}` as it is (HTML),
        `{{#name}}…{{/name}}` shows what a view or list holds (or the part only when a text is there),
        `{{^name}}…{{/name}}` when it is missing or empty, and `{{^empty(list)}}` when a list has items.
        A field a page does not have is an error when the layouts are read.


        """
        for (template, model) in TemplateSet.pageModels {
            out += pad("\(template).mustache", 26) + "\(model.noun)\n"
        }
        out += pad("\(TemplateSet.card).mustache", 26) + "\(ArticleCard.noun) (with `site` and `t`, no `page`)\n"
        var seen = Set<ObjectIdentifier>()
        var queue: [any ViewModel.Type] = [PageChrome.self] + TemplateSet.pageModels.map(\.model) + [ArticleCard.self]
        while !queue.isEmpty {
            let type = queue.removeFirst()
            guard seen.insert(ObjectIdentifier(type)).inserted else { continue }
            if ObjectIdentifier(type) == ObjectIdentifier(StringsView.self) {
                out += "\n\(type.noun) (`t.<key>`)\n  " + StringsView.keys.joined(separator: ", ") + "\n"
                continue
            }
            out += "\n\(type.noun)\n"
            for (i, name) in type.fieldNames.enumerated() {
                let kind = type.kind(at: i)
                let doc = type.fieldDocs[i]
                out += "  " + pad(name, 30) + kind.description + (doc.isEmpty ? "" : ": \(doc)") + "\n"
                switch kind {
                case .view(let t), .views(let t): queue.append(t)
                default: break
                }
            }
        }
        return out
    }

    private static func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s + " " : s + String(repeating: " ", count: width - s.count)
    }
}
