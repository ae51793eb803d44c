import Foundation

/// FNV-1a, 64 bits: a stable digest of text for telling whether it changed between two builds
/// (Swift's `Hasher` is seeded per process, so its values cannot be stored).
enum Digest {
    static func fnv1a(_ text: String) -> UInt64 {
        // Over the contiguous bytes: iterating `utf8` showed in every rebuild's profile.
        var text = text
        return text.withUTF8 { bytes in
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in bytes {
                hash ^= UInt64(byte)
                hash &*= 0x0000_0100_0000_01B3
            }
            return hash
        }
    }

    /// Sixteen hexadecimal digits.
    static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

extension Digest {
    /// 64 bits of a file's bytes, eight at a time (xor, multiply by an odd constant, rotate:
    /// each step is reversible, so no change to one word goes unseen). Several gigabytes a
    /// second: the build digests every source it has not seen, and its own executable.
    static func bytes(_ buffer: UnsafeRawBufferPointer) -> UInt64 {
        let k: UInt64 = 0x9E37_79B9_7F4A_7C15
        var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(buffer.count)
        var i = 0
        while i + 8 <= buffer.count {
            h = (h ^ buffer.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* k
            h = (h << 31) | (h >> 33)
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < buffer.count {
            tail |= UInt64(buffer[i]) << shift
            shift += 8
            i += 1
        }
        h = (h ^ tail) &* k
        return h ^ (h >> 29)
    }
}

/// Combines values into one 64-bit key (FNV-1a over their bytes, each value delimited): the
/// engine's keys for what a page is made of.
struct KeyHasher {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ x: UInt64) {
        var v = x
        for _ in 0..<8 {
            value = (value ^ (v & 0xFF)) &* 0x0000_0100_0000_01B3
            v >>= 8
        }
    }

    mutating func add(_ x: Int) { add(UInt64(bitPattern: Int64(x))) }

    mutating func add(_ text: String) {
        add(Digest.fnv1a(text))
    }
}
