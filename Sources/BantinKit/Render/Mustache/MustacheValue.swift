/// What a template reads: each view type declares its fields once, as a table (`ViewModel`).
/// From that table come the compiled lookups (by position, never by name), the errors for a
/// misspelt field, and the field listing of `bantin fields`.
protocol ViewModel: Sendable {
    static var schema: ViewSchema<Self> { get }
    /// The value of the field at `index` of `schema`. A requirement (with the one
    /// implementation below) so each view gets its own specialised copy, with no generic
    /// metadata looked up on every read.
    func value(at index: Int) -> MustacheValue
    /// Field `child` of the view in field `index` (`{{page.title}}`), read without boxing
    /// that view as `any ViewModel` first: a page's chrome is read this way dozens of times.
    func value(at index: Int, then child: Int) -> MustacheValue
}

extension ViewModel {
    @inline(__always) func value(at index: Int) -> MustacheValue { Self.schema.fields[index].read(self) }
    @inline(__always) func value(at index: Int, then child: Int) -> MustacheValue { Self.schema.fields[index].readChild(self, child) }
}

/// A view type's fields, in order.
struct ViewSchema<View>: Sendable {
    /// What the view is, for messages: "an article".
    let noun: String
    let fields: [ViewField<View>]
    /// The fields' names, and the position of each name's first field: compiling the layouts
    /// looks names up thousands of times.
    let names: [String]
    let positions: [String: Int]

    init(_ noun: String, _ fields: [ViewField<View>]) {
        self.noun = noun
        self.fields = fields
        names = fields.map(\.name)
        var positions: [String: Int] = [:]
        for (i, name) in names.enumerated() where positions[name] == nil { positions[name] = i }
        self.positions = positions
    }
}

/// The kind of a field, as the compiler needs it to follow names into sections.
enum FieldKind: Sendable {
    case text, number, flag
    /// Raw HTML made by Bantin (a rendered body, an SVG chart): meant for `{{{…}}}`.
    case html
    case view(any ViewModel.Type)
    case views(any ViewModel.Type)
    case texts

    /// As a sentence says it: "a text", "a list of awards".
    var description: String {
        switch self {
        case .text: "a text"
        case .number: "a number"
        case .flag: "true or false"
        case .html: "HTML (show it with {{{…}}})"
        case .view(let type): "\(type.noun)"
        case .views(let type): "a list, each \(type.noun)"
        case .texts: "a list of texts"
        }
    }
}

extension ViewModel {
    static var noun: String { schema.noun }
    static var fieldNames: [String] { schema.names }
    static func position(of name: String) -> Int? { schema.positions[name] }
    static func kind(at position: Int) -> FieldKind { schema.fields[position].kind }
    static var fieldDocs: [String] { schema.fields.map(\.doc) }
}

struct ViewField<View>: Sendable {
    let name: String
    let kind: FieldKind
    let doc: String
    let read: @Sendable (View) -> MustacheValue
    /// For a view field, field `child` of that view (see `ViewModel.value(at:then:)`).
    let readChild: @Sendable (View, Int) -> MustacheValue

    init(name: String, kind: FieldKind, doc: String, read: @escaping @Sendable (View) -> MustacheValue,
         readChild: @escaping @Sendable (View, Int) -> MustacheValue = { _, _ in .none }) {
        self.name = name
        self.kind = kind
        self.doc = doc
        self.read = read
        self.readChild = readChild
    }

    static func text(_ name: String, _ doc: String = "", _ read: @escaping @Sendable (View) -> String?) -> Self {
        Self(name: name, kind: .text, doc: doc, read: { read($0).map(MustacheValue.string) ?? .none })
    }

    static func html(_ name: String, _ doc: String = "", _ read: @escaping @Sendable (View) -> String?) -> Self {
        Self(name: name, kind: .html, doc: doc, read: { read($0).map(MustacheValue.string) ?? .none })
    }

    static func number(_ name: String, _ doc: String = "", _ read: @escaping @Sendable (View) -> Int?) -> Self {
        Self(name: name, kind: .number, doc: doc, read: { read($0).map(MustacheValue.int) ?? .none })
    }

    static func flag(_ name: String, _ doc: String = "", _ read: @escaping @Sendable (View) -> Bool) -> Self {
        Self(name: name, kind: .flag, doc: doc, read: { .bool(read($0)) })
    }

    static func view<T: ViewModel>(_ name: String, _ doc: String = "", _ read: @escaping @Sendable (View) -> T?) -> Self {
        Self(name: name, kind: .view(T.self), doc: doc, read: { read($0).map { .view($0) } ?? .none },
             readChild: { view, child in read(view).map { $0.value(at: child) } ?? .none })
    }

    static func views<T: ViewModel>(_ name: String, _ doc: String = "", _ read: @escaping @Sendable (View) -> [T]) -> Self {
        Self(name: name, kind: .views(T.self), doc: doc, read: { .views(ViewList(read($0))) })
    }

    /// Every field of `T`, read through `read`: a view that extends another (an article and
    /// its card). Listed after the view's own fields, which win where names meet.
    static func including<T: ViewModel>(_ type: T.Type, _ doc: String, _ read: @escaping @Sendable (View) -> T) -> [Self] {
        T.schema.fields.map { field in
            Self(name: field.name, kind: field.kind, doc: field.doc, read: { field.read(read($0)) },
                 readChild: { view, child in field.readChild(read(view), child) })
        }
    }

    static func texts(_ name: String, _ doc: String = "", _ read: @escaping @Sendable (View) -> [String]) -> Self {
        Self(name: name, kind: .texts, doc: doc, read: { .list(read($0).map(MustacheValue.string)) })
    }
}

/// A list of views of one type, read element by element without copying it into values.
struct ViewList: Sendable {
    let count: Int
    private let element: @Sendable (Int) -> any ViewModel

    init<T: ViewModel>(_ items: [T]) {
        count = items.count
        element = { items[$0] }
    }

    subscript(_ i: Int) -> any ViewModel { element(i) }
}

/// A value as a template sees it. Views are read by field position; `map` and `list` are the
/// JSON-like values of the generic path (the specification's tests), read by name.
enum MustacheValue: Sendable {
    case none
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case view(any ViewModel)
    case views(ViewList)
    case list([MustacheValue])
    case map([String: MustacheValue])

    /// Mustache's truth: false, null, an empty list are false; everything else is true.
    var isTruthy: Bool {
        switch self {
        case .none: false
        case .bool(let b): b
        case .views(let l): l.count > 0
        case .list(let l): !l.isEmpty
        default: true
        }
    }
}
