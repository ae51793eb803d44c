extension Array where Element == UInt8 {
    /// Whether `token` stands in these bytes at `offset`.
    func has(_ token: [UInt8], at offset: Int) -> Bool {
        guard offset >= 0, offset + token.count <= count else { return false }
        for k in 0..<token.count where self[offset + k] != token[k] { return false }
        return true
    }
}
