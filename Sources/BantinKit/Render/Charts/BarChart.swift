import Foundation

/// One bar of a chart: what it stands for, its value, and the value as the page writes it.
public struct ChartBar: Sendable, Equatable {
    public var label: String
    public var value: Double
    public var display: String

    public init(label: String, value: Double, display: String) {
        self.label = label
        self.value = value
        self.display = display
    }
}

/// A bar chart drawn at build time as inline SVG: no script, no request, prints as it shows.
///
/// `columns` stand side by side (a figure across the years); `rows` are stacked, each under its
/// label (organizations compared), so long Vietnamese names stay readable on a phone. The
/// drawing is 360 units wide and scales with its box; colours come from the page's stylesheet.
/// To assistive technology the chart is one image whose name is the title and whose description
/// lists every value; the page also shows the same figures as a table.
public struct BarChart: Sendable {
    public enum Layout: Sendable { case columns, rows }

    /// Unique within the page: the SVG's `<title>` and `<desc>` are referenced by id.
    public var id: String
    public var title: String
    public var bars: [ChartBar]
    public var layout: Layout

    public init(id: String, title: String, bars: [ChartBar], layout: Layout) {
        self.id = id
        self.title = title
        self.bars = bars
        self.layout = layout
    }

    static let width = 320.0

    /// The text equivalent: `2021: 7.120; 2023: 7.575`.
    public var description: String {
        bars.map { "\($0.label): \($0.display)" }.joined(separator: "; ")
    }

    public func svg() -> String {
        let height = layout == .columns ? 170.0 : Double(bars.count) * 40 + 4
        var s = "<svg class=\"chart chart-\(layout == .columns ? "columns" : "rows")\" viewBox=\"0 0 \(Self.width.svg) \(height.svg)\" "
        s += "role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\" xmlns=\"http://www.w3.org/2000/svg\">"
        s += "<title id=\"\(id)-title\">\(escapeHTML(title))</title><desc id=\"\(id)-desc\">\(escapeHTML(description))</desc>"
        if !bars.isEmpty {
            s += layout == .columns ? columns(height: height) : rows()
        }
        return s + "</svg>"
    }

    /// The value range drawn, always including zero so bar lengths compare honestly.
    private var domain: (low: Double, high: Double) {
        let values = bars.map(\.value).filter(\.isFinite)
        let low = min(0, values.min() ?? 0)
        var high = max(0, values.max() ?? 0)
        if high == low { high = low + 1 }
        return (low, high)
    }

    private func columns(height: Double) -> String {
        let top = 22.0, bottom = 26.0, side = 6.0
        let plot = height - top - bottom
        let (low, high) = domain
        let y = { (v: Double) in top + (high - v) / (high - low) * plot }
        let slot = (Self.width - 2 * side) / Double(bars.count)
        let barWidth = min(56, slot * 0.62)
        // Labels that would overlap are left to the table and the description.
        let showValues = slot >= 34
        let font = slot >= 34 ? 12.0 : 10.0
        let zero = y(0)
        var s = "<line class=\"chart-axis\" x1=\"\(side.svg)\" x2=\"\((Self.width - side).svg)\" y1=\"\(zero.svg)\" y2=\"\(zero.svg)\"/>"
        for (i, bar) in bars.enumerated() {
            let center = side + slot * (Double(i) + 0.5)
            let v = bar.value.isFinite ? bar.value : 0
            let yv = y(v)
            let barTop = min(yv, zero)
            let barHeight = max(abs(zero - yv), v == 0 ? 0 : 1)
            s += "<rect class=\"chart-bar\" x=\"\((center - barWidth / 2).svg)\" y=\"\(barTop.svg)\" width=\"\(barWidth.svg)\" height=\"\(barHeight.svg)\"/>"
            if showValues {
                let labelY = v >= 0 ? barTop - 6 : barTop + barHeight + 14
                s += "<text class=\"chart-value\" x=\"\(center.svg)\" y=\"\(labelY.svg)\" text-anchor=\"middle\" font-size=\"\(font.svg)\">\(escapeHTML(bar.display))</text>"
            }
            s += "<text class=\"chart-label\" x=\"\(center.svg)\" y=\"\((height - 8).svg)\" text-anchor=\"middle\" font-size=\"\(font.svg)\">\(escapeHTML(bar.label))</text>"
        }
        return s
    }

    private func rows() -> String {
        let valueRoom = 72.0
        let (low, high) = domain
        let span = Self.width - valueRoom
        let x = { (v: Double) in (v - low) / (high - low) * span }
        let zero = x(0)
        var s = ""
        for (i, bar) in bars.enumerated() {
            let rowTop = Double(i) * 40
            let v = bar.value.isFinite ? bar.value : 0
            let xv = x(v)
            let barLeft = min(xv, zero)
            let barWidth = max(abs(xv - zero), v == 0 ? 0 : 1)
            s += "<text class=\"chart-label\" x=\"0\" y=\"\((rowTop + 13).svg)\" font-size=\"13\">\(escapeHTML(bar.label))</text>"
            s += "<rect class=\"chart-bar\" x=\"\(barLeft.svg)\" y=\"\((rowTop + 18).svg)\" width=\"\(barWidth.svg)\" height=\"16\"/>"
            s += "<text class=\"chart-value\" x=\"\((max(xv, zero) + 4).svg)\" y=\"\((rowTop + 31).svg)\" font-size=\"13\">\(escapeHTML(bar.display))</text>"
        }
        return s
    }
}

extension Double {
    /// Coordinates with at most one decimal and no trailing `.0`: short and byte-stable.
    /// Integer arithmetic on tenths: `String(format:)` showed in the profile of every chart.
    var svg: String {
        let tenths = Int((self * 10).rounded())
        if tenths % 10 == 0 { return String(tenths / 10) }
        let magnitude = tenths.magnitude
        return (tenths < 0 ? "-" : "") + String(magnitude / 10) + "." + String(magnitude % 10)
    }
}
