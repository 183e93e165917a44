import GRDB

/// The schema, as numbered migrations that GRDB records in the database (`grdb_migrations`):
/// each runs once, in order, and a database opened by a newer kiosk is brought up to date.
enum KioskSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()

        migrator.registerMigration("0001 lab readiness checks") { db in
            try db.create(table: "lab_check") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("machine", .text).notNull()
                table.column("client_address", .text).notNull()
                table.column("user_agent", .text).notNull()
                table.column("screen_width", .integer).notNull()
                table.column("screen_height", .integer).notNull()
                table.column("clock_offset_ms", .integer).notNull()
                table.column("round_trip_ms", .integer).notNull()
                table.column("storage_works", .boolean).notNull()
                table.column("passed", .boolean).notNull()
                table.column("problems", .text).notNull()
                table.column("received_at", .datetime).notNull()
            }
            try db.create(index: "lab_check_by_machine", on: "lab_check", columns: ["machine", "received_at"])
        }

        return migrator
    }
}
