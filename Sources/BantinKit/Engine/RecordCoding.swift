import Foundation

/// The compact form the engine keeps parsed records in (`.bantin-cache/records.state`): LEB128
/// integers and length-prefixed UTF-8, field after field in a fixed order. Decoding 10,000
/// articles this way takes milliseconds, where re-parsing their front-matter and Markdown took
/// a third of a second; `Codable` over JSON or property lists took longer than parsing.
struct RecordWriter {
    var bytes: [UInt8] = []
    /// The path most locations name (the record's file): written as an empty path.
    var home = ""

    mutating func int(_ value: Int) { unsigned(UInt64(bitPattern: Int64(value)) << 1 ^ UInt64(bitPattern: Int64(value) >> 63)) }

    mutating func unsigned(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            unsigned(UInt64(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    mutating func optional<T>(_ value: T?, _ write: (inout RecordWriter, T) -> Void) {
        bool(value != nil)
        if let value { write(&self, value) }
    }

    mutating func array<T>(_ values: [T], _ write: (inout RecordWriter, T) -> Void) {
        unsigned(UInt64(values.count))
        for value in values { write(&self, value) }
    }

    mutating func location(_ l: SourceLocation) {
        string(l.path == home ? "" : l.path)
        int(l.line)
        int(l.column)
    }

    mutating func date(_ d: CivilDate) {
        int(d.year)
        int(d.month)
        int(d.day)
    }
}

/// Reads what `RecordWriter` wrote; every read fails (nil) at the end of the bytes or on a
/// value out of range, and the caller then parses the file again.
struct RecordReader {
    let bytes: UnsafeRawBufferPointer
    var offset: Int
    /// See `RecordWriter.home`.
    var home = ""

    init(_ bytes: UnsafeRawBufferPointer, offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    var atEnd: Bool { offset >= bytes.count }

    mutating func unsigned() -> UInt64? {
        var value: UInt64 = 0, shift: UInt64 = 0
        while offset < bytes.count, shift < 64 {
            let byte = bytes[offset]
            offset += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return value }
            shift += 7
        }
        return nil
    }

    mutating func int() -> Int? {
        guard let u = unsigned() else { return nil }
        return Int(Int64(bitPattern: (u >> 1) ^ (0 &- (u & 1))))
    }

    mutating func count() -> Int? {
        guard let u = unsigned(), u <= UInt64(bytes.count - offset) else { return nil }
        return Int(u)
    }

    mutating func bool() -> Bool? {
        guard offset < bytes.count, bytes[offset] <= 1 else { return nil }
        defer { offset += 1 }
        return bytes[offset] == 1
    }

    mutating func string() -> String? {
        guard let n = count() else { return nil }
        defer { offset += n }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + n]), as: UTF8.self)
    }

    /// `.some(nil)` when absent, nil when the bytes are bad.
    mutating func optional<T>(_ read: (inout RecordReader) -> T?) -> T?? {
        guard let present = bool() else { return nil }
        guard present else { return .some(nil) }
        guard let value = read(&self) else { return nil }
        return .some(value)
    }

    mutating func array<T>(_ read: (inout RecordReader) -> T?) -> [T]? {
        guard let n = count() else { return nil }
        var out: [T] = []
        out.reserveCapacity(n)
        for _ in 0..<n {
            guard let value = read(&self) else { return nil }
            out.append(value)
        }
        return out
    }

    mutating func location() -> SourceLocation? {
        guard let path = string(), let line = int(), let column = int() else { return nil }
        return SourceLocation(path: path.isEmpty ? home : path, line: line, column: column)
    }

    mutating func date() -> CivilDate? {
        guard let y = int(), let m = int(), let d = int() else { return nil }
        return CivilDate(year: y, month: m, day: d)
    }
}
