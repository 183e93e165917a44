import KioskHTTP

/// The written reason a staff action may carry: trimmed, nil when empty, at most 500 characters.
enum StaffReason {
    static let maxLength = 500

    private struct Body: Decodable {
        var reason: String?
    }

    /// The reason in a `{"reason": ...}` body; an empty body has none.
    static func of(_ request: Request) throws -> String? {
        guard !request.body.isEmpty else { return nil }
        return try checked(request.decodeJSON(Body.self).reason)
    }

    /// The reason trimmed, or nil when blank; a reason too long is refused.
    static func checked(_ reason: String?) throws -> String? {
        guard let reason = reason?.trimmingCharacters(in: .whitespacesAndNewlines), !reason.isEmpty else { return nil }
        guard reason.count <= maxLength else {
            throw ProctorErrors.invalid(
                "reason_too_long", "原因最多 \(maxLength) 个字", "A reason has at most \(maxLength) characters")
        }
        return reason
    }
}
