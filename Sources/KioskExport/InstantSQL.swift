/// Instants read for the export as whole milliseconds, computed by SQLite: no `Date` and no
/// calendar per value.
enum InstantSQL {
    /// SQL reading the instant in `column` (as GRDB stores a `Date`: `yyyy-MM-dd HH:mm:ss.SSS`, UTC)
    /// as milliseconds since 1970, or NULL.
    static func milliseconds(_ column: String) -> String {
        "CAST(ROUND((julianday(\(column)) - 2440587.5) * 86400000) AS INTEGER)"
    }
}
