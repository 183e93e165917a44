import Foundation
import GRDB

/// The stored hashes of participants' access codes. Codes themselves are never stored.
public enum AccessCodeHashes {
    /// IDs of participants, in roster order, who have no code yet (or all of them).
    public static func participantsNeedingCodes(_ db: Database, all: Bool) throws -> [String] {
        try String.fetchAll(db, sql: """
            SELECT id FROM participant \(all ? "" : "WHERE code_hash IS NULL") ORDER BY position
            """)
    }

    /// Stores a participant's new code hash, replacing any earlier one.
    public static func store(_ hash: String, for participantID: String, at issuedAt: Date, _ db: Database) throws {
        try db.execute(
            sql: "UPDATE participant SET code_hash = ?, code_issued_at = ? WHERE id = ?",
            arguments: [hash, issuedAt, participantID])
    }

    /// The stored hash for a participant ID (matched without regard to case).
    public static func hash(for participantID: String, _ db: Database) throws -> String? {
        try String.fetchOne(db, sql: "SELECT code_hash FROM participant WHERE id = ?", arguments: [participantID])
    }
}
