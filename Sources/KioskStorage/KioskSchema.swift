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

        migrator.registerMigration("0002 deployment bundle") { db in
            try db.create(table: "site") { table in
                table.primaryKey("id", .integer).check { $0 == 1 }
                table.column("code", .text).notNull()
                table.column("time_zone", .text).notNull()
                table.column("definition", .text).notNull()
                table.column("installed_at", .datetime).notNull()
            }
            try db.create(table: "instrument") { table in
                table.primaryKey("id", .text)
                table.column("version", .text).notNull()
                table.column("hash", .text).notNull()
                table.column("definition", .text).notNull()
                table.column("loaded_at", .datetime).notNull()
            }
            try db.create(table: "session") { table in
                table.primaryKey("id", .text)
                table.column("position", .integer).notNull()
                table.column("instrument_id", .text).references("instrument")
                table.column("opens_at", .datetime).notNull()
                table.column("closes_at", .datetime)
                table.column("practice", .boolean).notNull()
                table.column("definition", .text).notNull()
            }
            try db.create(table: "participant") { table in
                table.primaryKey("id", .text).collate(.nocase)
                table.column("position", .integer).notNull()
                table.column("role", .text).notNull()
                table.column("grade", .integer)
                table.column("class_name", .text)
                table.column("name", .text).notNull()
                table.column("gender", .text)
                table.column("school", .text)
                table.column("code_hash", .text)
                table.column("code_issued_at", .datetime)
            }
            // One participant's sitting of one session, tied to the exact instrument it was given.
            try db.create(table: "attempt") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("participant_id", .text).notNull().references("participant")
                table.column("session_id", .text).notNull().references("session")
                table.column("instrument_id", .text).notNull().references("instrument")
                table.column("instrument_hash", .text).notNull()
                table.column("created_at", .datetime).notNull()
                table.uniqueKey(["participant_id", "session_id"])
            }
            try db.create(table: "audit_log") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("at", .datetime).notNull()
                table.column("actor", .text).notNull()
                table.column("action", .text).notNull()
                table.column("subject", .text).notNull()
                table.column("detail", .text).notNull()
                table.column("reason", .text)
            }
        }

        migrator.registerMigration("0003 answering") { db in
            try db.alter(table: "session") { table in
                // Set when a proctor starts a session that needs it.
                table.add(column: "started_at", .datetime)
            }
            try db.alter(table: "attempt") { table in
                table.add(column: "opened_at", .datetime)
                table.add(column: "deadline_at", .datetime)
                table.add(column: "submitted_at", .datetime)
                table.add(column: "timed_out_at", .datetime)
                table.add(column: "position", .integer).notNull().defaults(to: 0)
                table.add(column: "last_seen_at", .datetime)
            }
            try db.create(table: "access_token") { table in
                // The SHA-256 of the token: a copied database gives no one a way in.
                table.primaryKey("hash", .text)
                table.column("attempt_id", .integer).notNull().references("attempt")
                table.column("created_at", .datetime).notNull()
                table.column("revoked_at", .datetime)
            }
            try db.create(index: "access_token_by_attempt", on: "access_token", columns: ["attempt_id"])
            // The current answer to each variable, for export.
            try db.create(table: "answer", options: .withoutRowID) { table in
                table.column("attempt_id", .integer).notNull().references("attempt")
                table.column("variable", .text).notNull()
                table.column("value", .text).notNull()
                table.column("seq", .integer).notNull()
                table.column("answered_at", .datetime).notNull()
                table.primaryKey(["attempt_id", "variable"])
            }
            // Every answer ever given, in order: for audit and paradata. Never updated.
            try db.create(table: "answer_event") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("attempt_id", .integer).notNull().references("attempt")
                table.column("seq", .integer).notNull()
                table.column("variable", .text).notNull()
                table.column("value", .text).notNull()
                table.column("client_time", .datetime)
                table.column("server_time", .datetime).notNull()
                table.uniqueKey(["attempt_id", "seq"])
            }
        }

        migrator.registerMigration("0004 proctoring") { db in
            try db.alter(table: "session") { table in
                table.add(column: "paused_at", .datetime)
                table.add(column: "paused_ms", .integer).notNull().defaults(to: 0)
                table.add(column: "ended_at", .datetime)
                table.add(column: "rescheduled_end_at", .datetime)
            }
            try db.alter(table: "attempt") { table in
                table.add(column: "extra_ms", .integer).notNull().defaults(to: 0)
            }
            try db.alter(table: "access_token") { table in
                // Which machine logged in: shown on the proctor's roster.
                table.add(column: "client_address", .text)
            }
            try db.create(table: "staff") { table in
                table.primaryKey("name", .text).collate(.nocase)
                table.column("role", .text).notNull()
                table.column("password_hash", .text).notNull()
                table.column("created_at", .datetime).notNull()
                table.column("disabled_at", .datetime)
            }
            try db.create(table: "staff_login") { table in
                // The SHA-256 of the login token, as for participants.
                table.primaryKey("hash", .text)
                table.column("staff_name", .text).notNull().references("staff", onUpdate: .cascade)
                table.column("csrf_token", .text).notNull()
                table.column("client_address", .text).notNull()
                table.column("created_at", .datetime).notNull()
                table.column("expires_at", .datetime).notNull()
                table.column("revoked_at", .datetime)
            }
            // A proctor's absent or excluded mark on a participant for one session.
            try db.create(table: "participant_mark") { table in
                table.column("participant_id", .text).notNull().references("participant")
                table.column("session_id", .text).notNull().references("session")
                table.column("kind", .text).notNull()
                table.column("reason", .text).notNull()
                table.column("note", .text)
                table.column("marked_by", .text).notNull()
                table.column("marked_at", .datetime).notNull()
                table.primaryKey(["participant_id", "session_id"])
            }
            try db.create(table: "incident") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("session_id", .text).references("session")
                table.column("kind", .text).notNull()
                table.column("occurred_at", .datetime).notNull()
                // The affected participants' IDs, as a JSON array.
                table.column("participants", .text).notNull()
                table.column("description", .text).notNull()
                table.column("action", .text).notNull()
                table.column("recorded_by", .text).notNull()
                table.column("recorded_at", .datetime).notNull()
            }
        }

        migrator.registerMigration("0005 paradata and export") { db in
            try db.alter(table: "attempt") { table in
                // The furthest page the participant reached: what "not reached" is measured against.
                table.add(column: "furthest_position", .integer).notNull().defaults(to: 0)
            }
            // Every page the participant turned to, in order: for paradata (time per page, revisits).
            try db.create(table: "page_event") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("attempt_id", .integer).notNull().references("attempt")
                table.column("position", .integer).notNull()
                table.column("client_time", .datetime)
                table.column("server_time", .datetime).notNull()
            }
            try db.create(index: "page_event_by_attempt", on: "page_event", columns: ["attempt_id", "id"])
            // Tokens of collection scripts, kept as SHA-256 like every other token.
            try db.create(table: "export_token") { table in
                table.primaryKey("name", .text)
                table.column("hash", .text).notNull().unique()
                table.column("created_by", .text).notNull()
                table.column("created_at", .datetime).notNull()
                table.column("revoked_at", .datetime)
            }
        }

        migrator.registerMigration("0006 sealed instruments") { db in
            // An instrument is stored either in the clear (`definition`, its canonical JSON) or
            // sealed (`envelope`, the SealedInstrument's JSON: ciphertext and header only; the key
            // and the plaintext never reach the database). SQLite cannot drop a NOT NULL, so the
            // table is rebuilt, the usual way: foreign keys are off while a migration runs, and
            // session and attempt keep naming `instrument`.
            try db.create(table: "instrument_sealable") { table in
                table.primaryKey("id", .text)
                table.column("version", .text).notNull()
                table.column("hash", .text).notNull()
                table.column("definition", .text)
                table.column("envelope", .text)
                table.column("loaded_at", .datetime).notNull()
                table.check(sql: "(definition IS NULL) <> (envelope IS NULL)")
            }
            try db.execute(sql: """
                INSERT INTO instrument_sealable (id, version, hash, definition, loaded_at)
                SELECT id, version, hash, definition, loaded_at FROM instrument
                """)
            try db.drop(table: "instrument")
            try db.rename(table: "instrument_sealable", to: "instrument")
        }

        migrator.registerMigration("0007 page turns and current answers kept by the database") { db in
            try db.alter(table: "attempt") { table in
                // The browser's clock at its last save: the client time of a page turn.
                table.add(column: "last_client_at", .datetime)
            }
            // A save sets the page and the last-seen instants in one statement and inserts each
            // answer's event in one more; the database does the rest in the same statements: it
            // logs a change of page, and keeps each variable's current value from the events (an
            // event with a later seq than the stored value replaces it; a seq already stored is no
            // new event, so it changes nothing).
            try db.execute(sql: """
                CREATE TRIGGER attempt_page_turn AFTER UPDATE OF position ON attempt
                WHEN new.position != old.position
                BEGIN
                    INSERT INTO page_event (attempt_id, position, client_time, server_time)
                    VALUES (new.id, new.position, new.last_client_at, new.last_seen_at);
                END;
                CREATE TRIGGER answer_event_current_value AFTER INSERT ON answer_event
                BEGIN
                    INSERT INTO answer (attempt_id, variable, value, seq, answered_at)
                    VALUES (new.attempt_id, new.variable, new.value, new.seq, new.server_time)
                    ON CONFLICT (attempt_id, variable) DO UPDATE SET
                        value = excluded.value, seq = excluded.seq, answered_at = excluded.answered_at
                    WHERE excluded.seq > answer.seq;
                END;
                """)
        }

        return migrator
    }
}
