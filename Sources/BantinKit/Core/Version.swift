/// Bantin's release, printed by `bantin --version`.
public enum BantinVersion {
    public static let current = "0.5.0"
}
