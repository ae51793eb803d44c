/// A cheap look at a Markdown text's bytes before cmark-gfm parses it, refusing the shapes that
/// Debian's cmark-gfm (0.29.0.gfm.6) takes quadratic time or memory over. Later releases fixed
/// them (security advisories GHSA-r8vr-c48j-fcc5 for `![[]()`, GHSA-w4qg-3vf7-m9x5 for tables
/// with many columns or cells); until Debian ships one, a text of that shape is a located error
/// that says what to change, not a build that hangs. `bench/abuse` measures every advisory's
/// reproducer against it. The limits sit far above what an article has.
public enum MarkdownGuard {
    /// `![` marks (images) in one text: `![[]()` repeated takes 16 s at 80,000.
    public static let maximumImageMarks = 1_000
    /// Columns of a table: 10,000 columns take over a second, 80,000 three and a half.
    public static let maximumColumns = 256
    /// `|` on one line: cells of a row beyond its table's columns cost the square of their count.
    public static let maximumPipesPerLine = 1_024
    /// Cells of one table, its missing cells filled in: a wide header over many short rows
    /// makes the output grow with columns × rows.
    public static let maximumCells = 200_000

    public struct Problem: Equatable, Sendable {
        /// 1-based, in the text given.
        public var line: Int
        public var column: Int
        public var message: String
    }

    /// The first problem of each kind, in the order they stand.
    public static func problems(in text: String) -> [Problem] {
        var problems: [Problem] = []
        var scan = Scanner()
        var copy = text
        copy.withUTF8 { scan.run($0) }
        if let at = scan.tooManyImages {
            problems.append(Problem(line: at.line, column: at.column, message: "this text has more than \(maximumImageMarks) `![` (image) marks; Markdown would take minutes to read it. Remove the stray `![` or split the article"))
        }
        if let at = scan.tooManyPipes {
            problems.append(Problem(line: at.line, column: at.column, message: "this line has more than \(maximumPipesPerLine) `|`; as a table row it would take minutes to read. Split the table, or write `\\|` for a `|` that is text"))
        }
        if let wide = scan.tooWide {
            problems.append(Problem(line: wide.line, column: 1, message: "a table with \(wide.columns) columns; Bantin takes at most \(maximumColumns). Split it into several tables"))
        }
        if let big = scan.tooBig {
            problems.append(Problem(line: big.line, column: 1, message: "a table of \(big.columns) columns and \(big.rows) rows (\(big.columns * big.rows) cells); Bantin takes at most \(maximumCells) cells in one table. Split it, or publish the figures as a file"))
        }
        return problems.sorted { ($0.line, $0.column) < ($1.line, $1.column) }
    }

    /// One pass over the bytes, line by line.
    private struct Scanner {
        var tooManyImages: (line: Int, column: Int)?
        var tooManyPipes: (line: Int, column: Int)?
        var tooWide: (line: Int, columns: Int)?
        var tooBig: (line: Int, columns: Int, rows: Int)?

        private var images = 0
        /// The table being read: where its delimiter row stood, its columns, its rows so far.
        private var table: (line: Int, columns: Int, rows: Int)?

        mutating func run(_ b: UnsafeBufferPointer<UInt8>) {
            var line = 1, start = 0
            while start <= b.count {
                var end = start
                while end < b.count, b[end] != 0x0A { end += 1 }
                self.line(b, start, end, number: line)
                line += 1
                start = end + 1
            }
        }

        private mutating func line(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, number: Int) {
            var pipes = 0, scalars = 0
            var i = start
            while i < end {
                let c = b[i]
                if c & 0xC0 != 0x80 { scalars += 1 }
                if c == UInt8(ascii: "!"), i + 1 < end, b[i + 1] == UInt8(ascii: "[") {
                    images += 1
                    if images > maximumImageMarks, tooManyImages == nil { tooManyImages = (number, scalars) }
                } else if c == UInt8(ascii: "|"), i == start || b[i - 1] != UInt8(ascii: "\\") {
                    pipes += 1
                    if pipes > maximumPipesPerLine, tooManyPipes == nil { tooManyPipes = (number, scalars) }
                }
                i += 1
            }
            let blank = (start..<end).allSatisfy { b[$0] == 0x20 || b[$0] == 0x09 || b[$0] == 0x0D }
            if blank {
                table = nil
                return
            }
            if let columns = Self.delimiterColumns(b, start, end) {
                table = (number, columns, 0)
                if columns > maximumColumns, tooWide == nil { tooWide = (number, columns) }
                return
            }
            // Until a blank line, every line is read as the table's next row (GFM).
            guard let current = table else { return }
            table = (current.line, current.columns, current.rows + 1)
            if current.columns * (current.rows + 1) > maximumCells, tooBig == nil {
                tooBig = (current.line, current.columns, current.rows + 1)
            }
        }

        /// The columns of a GFM delimiter row (`|---|:-:|`), or nil when the line is not one.
        private static func delimiterColumns(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int? {
            var cells = 0, dashes = false, pipes = 0, inCell = false
            for i in start..<end {
                switch b[i] {
                case UInt8(ascii: "-"):
                    dashes = true
                    if !inCell { inCell = true; cells += 1 }
                case UInt8(ascii: ":"):
                    if !inCell { inCell = true; cells += 1 }
                case UInt8(ascii: "|"):
                    pipes += 1
                    inCell = false
                case 0x20, 0x09, 0x0D: continue
                default: return nil
                }
            }
            return dashes && (pipes > 0 || cells > 1) ? cells : nil
        }
    }
}
