import Foundation

/// One file of the published site. `path` is relative to the output folder.
public struct OutputFile: Sendable {
    public enum Content: Sendable {
        case bytes(Data)
        /// Copied from this absolute path.
        case copy(String)
        /// Made while it is written, a chunk at a time, handed to the given sink: a large file
        /// (the data export of a 100,000-article site) is never whole in memory.
        case stream(@Sendable (_ sink: (Data) throws -> Void) throws -> Void)
    }

    /// The whole content, for those who need it at once (the preview server, tests).
    public var data: Data? {
        switch content {
        case .bytes(let data): return data
        case .copy(let source): return try? LocalFileSystem().read(source)
        case .stream(let produce):
            var all = Data()
            do { try produce { all.append($0) } } catch { return nil }
            return all
        }
    }

    public var path: String
    public var content: Content
    /// The source file that asked for it, to name both sides of a URL collision.
    public var origin: SourceLocation
    /// What the content is known to be, when it is known without reading it (a photo's file
    /// in the photo cache): a rebuild tells a changed file by it.
    var contentKey: UInt64?

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

    init(path: String, content: Content, origin: SourceLocation) {
        self.path = path
        self.content = content
        self.origin = origin
    }

    init(path: String, bytes: [UInt8], origin: SourceLocation) {
        self.path = path
        self.content = .bytes(Data(bytes))
        self.origin = origin
    }

    init(path: String, origin: SourceLocation, streaming produce: @escaping @Sendable (_ sink: (Data) throws -> Void) throws -> Void) {
        self.path = path
        self.content = .stream(produce)
        self.origin = origin
    }

    public init(path: String, copying source: String, origin: SourceLocation) {
        self.path = path
        self.content = .copy(source)
        self.origin = origin
    }
}
