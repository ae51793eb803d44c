/// schema.org JSON-LD for an article: a `NewsArticle` about its organizations and, when it
/// reports a meeting, about that meeting as an `Event` with its date and place.
struct StructuredData {
    let index: SiteIndex
    let routes: Routes
    let strings: UIStrings

    func article(_ i: Int, imageURL: String?) -> String {
        let a = index.articles[i]
        let config = index.config
        let url = routes.absolute(index.address(i))
        let orgs = a.organizationIDs.compactMap { index.organizations[$0] }
        let orgObjects = orgs.map { org in
            JSONText.object([
                ("@type", JSONText.string("Organization")), ("name", JSONText.string(org.name)),
                ("url", JSONText.string(routes.absolute(routes.organization(org.id)))),
            ], indent: "    ")
        }
        var about = orgObjects
        if let m = a.meeting {
            var event: [(String, String)] = [
                ("@type", JSONText.string("Event")),
                ("name", JSONText.string(eventName(m, orgs))),
                ("startDate", JSONText.string(m.date.description)),
                ("eventAttendanceMode", JSONText.string("https://schema.org/OfflineEventAttendanceMode")),
                ("eventStatus", JSONText.string("https://schema.org/EventScheduled")),
            ]
            if let place = m.location {
                event.append(("location", JSONText.object([
                    ("@type", JSONText.string("Place")), ("name", JSONText.string(place)), ("address", JSONText.string(place)),
                ], indent: "      ")))
            }
            if !orgObjects.isEmpty {
                event.append(("organizer", JSONText.array(orgs.map { org in
                    JSONText.object([("@type", JSONText.string("Organization")), ("name", JSONText.string(org.name))], indent: "        ")
                }, indent: "      ")))
            }
            about.insert(JSONText.object(event, indent: "    "), at: 0)
        }
        var fields: [(String, String)] = [
            ("@context", JSONText.string("https://schema.org")),
            ("@type", JSONText.string("NewsArticle")),
            ("headline", JSONText.string(a.title)),
            ("datePublished", JSONText.string(a.date.rfc3339)),
            ("inLanguage", JSONText.string(config.language.rawValue)),
            ("url", JSONText.string(url)),
            ("mainEntityOfPage", JSONText.string(url)),
        ]
        if !a.summary.isEmpty { fields.append(("description", JSONText.string(a.summary))) }
        if let imageURL { fields.append(("image", JSONText.array([JSONText.string(imageURL)], indent: "  "))) }
        if let author = a.author {
            fields.append(("author", JSONText.object([("@type", JSONText.string("Person")), ("name", JSONText.string(author))], indent: "  ")))
        }
        fields.append(("publisher", JSONText.object([
            ("@type", JSONText.string("Organization")), ("name", JSONText.string(config.title)), ("url", JSONText.string(config.baseURL)),
        ], indent: "  ")))
        if !a.tags.isEmpty { fields.append(("keywords", JSONText.string(a.tags.joined(separator: ", ")))) }
        if let source = a.source?.url { fields.append(("isBasedOn", JSONText.string(source))) }
        if !about.isEmpty { fields.append(("about", JSONText.array(about, indent: "  "))) }
        return JSONText.object(fields)
    }

    /// `Hội nghị tổng kết – HKH Yên Bái`: the meeting kind and who held it.
    func eventName(_ m: Meeting, _ orgs: [Organization]) -> String {
        let kind = m.kind.map { "\(strings["meeting"]) \($0)" } ?? strings["meeting"]
        let who = orgs.map(\.displayName).joined(separator: ", ")
        return who.isEmpty ? kind : "\(kind) – \(who)"
    }
}
