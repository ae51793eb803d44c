extension UIStrings {
    /// `tập thể` or `cá nhân` (collective, individual) in the site's words. Here in the render
    /// stage, so the core's words know nothing of the parser's models.
    func kind(_ kind: RecipientKind) -> String { self[kind.rawValue] }
}
