import Foundation

/// One file of the published site. `path` is relative to the output folder.
public struct OutputFile: Sendable {
    public enum Content: Sendable {
        case bytes(Data)
        /// Copied from this absolute path.
        case copy(String)
    }

    public var path: String
    public var content: Content
    /// The source file that asked for it, to name both sides of a URL collision.
    public var origin: SourceLocation

    public init(path: String, text: String, origin: SourceLocation) {
        self.path = path
        self.content = .bytes(Data(text.utf8))
        self.origin = origin
    }

    init(path: String, data: Data, origin: SourceLocation) {
        self.path = path
        self.content = .bytes(data)
        self.origin = origin
    }

    init(path: String, bytes: [UInt8], origin: SourceLocation) {
        self.path = path
        self.content = .bytes(Data(bytes))
        self.origin = origin
    }

    public init(path: String, copying source: String, origin: SourceLocation) {
        self.path = path
        self.content = .copy(source)
        self.origin = origin
    }
}
