import Foundation
import GRDB
import KioskCore

/// A lab machine's readiness report as stored in `lab_check`.
public struct LabCheckRecord: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "lab_check"

    public var id: Int64?
    public var machine: String
    public var clientAddress: String
    public var userAgent: String
    public var screenWidth: Int
    public var screenHeight: Int
    public var clockOffsetMs: Int
    public var roundTripMs: Int
    public var storageWorks: Bool
    public var passed: Bool
    /// The problem codes, space-separated.
    public var problems: String
    public var receivedAt: Date

    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public init(_ check: LabCheck, clientAddress: String, receivedAt: Date) {
        machine = check.machine
        self.clientAddress = clientAddress
        userAgent = check.userAgent
        screenWidth = check.screenWidth
        screenHeight = check.screenHeight
        clockOffsetMs = check.clockOffsetMs
        roundTripMs = check.roundTripMs
        storageWorks = check.storageWorks
        passed = check.passed
        problems = (check.problems + check.warnings).map(\.rawValue).joined(separator: " ")
        self.receivedAt = receivedAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// The machine name each client address gave in its latest report.
    public static func latestNamePerAddress(_ db: Database) throws -> [String: String] {
        try Row.fetchAll(db, sql: """
            SELECT client_address, machine FROM lab_check AS c
            WHERE c.id = (SELECT MAX(id) FROM lab_check WHERE client_address = c.client_address)
            """).reduce(into: [:]) { $0[$1["client_address"]] = $1["machine"] }
    }

    /// The latest report of every machine, machines in label order.
    public static func latestPerMachine(_ db: Database) throws -> [LabCheckRecord] {
        try LabCheckRecord.fetchAll(db, sql: """
            SELECT * FROM lab_check AS c
            WHERE c.id = (SELECT MAX(id) FROM lab_check WHERE machine = c.machine)
            ORDER BY c.machine
            """)
    }
}
