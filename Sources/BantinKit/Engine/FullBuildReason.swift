/// Why a command-line build starts from nothing rather than from the last build's state.
/// Printed with the stage timings (`BANTIN_TIMINGS=1`), so a slow rebuild can be explained.
enum FullBuildReason: Error, Equatable, CustomStringConvertible {
    case notAsked
    case noEarlierBuild
    case sourcesUnreadable
    case optionsChanged
    case bantinChanged
    case outputChanged

    var description: String {
        switch self {
        case .notAsked: "no reuse was asked for (bantin check, serve, or the library)"
        case .noEarlierBuild: "no earlier build is recorded in .bantin-cache/"
        case .sourcesUnreadable: "a source could not be read, or the walk refused one"
        case .optionsChanged: "the options changed"
        case .bantinChanged: "the bantin executable changed"
        case .outputChanged: "the output folder is not as the last build left it"
        }
    }
}
