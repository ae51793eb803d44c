/// Why a command-line build is a whole one rather than skipped or done in place. Printed with
/// the stage timings (`BANTIN_TIMINGS=1`), so a slow rebuild can be explained.
enum FullBuildReason: Error, Equatable, CustomStringConvertible {
    case notAsked
    case noEarlierBuild
    case sourcesUnreadable
    case optionsChanged
    case bantinChanged
    case outputChanged
    case filesAddedOrRemoved
    /// A file that is not an article changed (a layout, an organization, `site.yml`, …).
    case changed(String)
    case notInCache(String)
    case sourceErrors(String)
    /// An article's front-matter or first paragraph changed: it shows beyond its own page.
    case showsElsewhere(String)
    case indexProblems
    case outputUnpatchable(String)

    var description: String {
        switch self {
        case .notAsked: "no reuse was asked for (bantin check, serve, or the library)"
        case .noEarlierBuild: "no earlier build is recorded in .bantin-cache/"
        case .sourcesUnreadable: "a source could not be read, or the walk refused one"
        case .optionsChanged: "the options changed"
        case .bantinChanged: "the bantin executable changed"
        case .outputChanged: "the output folder is not as the last build left it"
        case .filesAddedOrRemoved: "a file was added, moved or removed"
        case .changed(let path): "\(path) changed, and it is not an article"
        case .notInCache(let path): "\(path) is not in the last build's record"
        case .sourceErrors(let path): "\(path) has errors"
        case .showsElsewhere(let path): "the front-matter or first paragraph of \(path) changed, which shows beyond its page"
        case .indexProblems: "indexing the changed articles found a problem"
        case .outputUnpatchable(let path): "\(path) in the output could not be updated in place"
        }
    }
}
