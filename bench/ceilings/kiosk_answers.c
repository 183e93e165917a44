#include "kiosk_answers.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

/* KioskDatabase: WAL (GRDB's DatabasePool), synchronous = FULL on the writer, foreign keys,
 * a five-second busy timeout. */
static const char kiosk_pragmas[] =
    "PRAGMA journal_mode = WAL;"
    "PRAGMA synchronous = FULL;"
    "PRAGMA foreign_keys = ON;"
    "PRAGMA busy_timeout = 5000;";

/* The kiosk's own DDL, as `sqlite3 kiosk.sqlite .schema` prints it, except that attempt does
 * not reference participant, session and instrument (no save touches those columns). */
static const char kiosk_answer_schema[] =
    "CREATE TABLE attempt (\"id\" INTEGER PRIMARY KEY AUTOINCREMENT, \"participant_id\" TEXT NOT NULL, "
    "\"session_id\" TEXT NOT NULL, \"instrument_id\" TEXT NOT NULL, \"instrument_hash\" TEXT NOT NULL, "
    "\"created_at\" DATETIME NOT NULL, \"opened_at\" DATETIME, \"deadline_at\" DATETIME, "
    "\"submitted_at\" DATETIME, \"timed_out_at\" DATETIME, \"position\" INTEGER NOT NULL DEFAULT 0, "
    "\"last_seen_at\" DATETIME, UNIQUE (\"participant_id\", \"session_id\"));"
    "CREATE TABLE \"answer\" (\"attempt_id\" INTEGER NOT NULL REFERENCES \"attempt\"(\"id\"), "
    "\"variable\" TEXT NOT NULL, \"value\" TEXT NOT NULL, \"seq\" INTEGER NOT NULL, "
    "\"answered_at\" DATETIME NOT NULL, PRIMARY KEY (\"attempt_id\", \"variable\")) WITHOUT ROWID;"
    "CREATE TABLE \"answer_event\" (\"id\" INTEGER PRIMARY KEY AUTOINCREMENT, "
    "\"attempt_id\" INTEGER NOT NULL REFERENCES \"attempt\"(\"id\"), \"seq\" INTEGER NOT NULL, "
    "\"variable\" TEXT NOT NULL, \"value\" TEXT NOT NULL, \"client_time\" DATETIME, "
    "\"server_time\" DATETIME NOT NULL, UNIQUE (\"attempt_id\", \"seq\"));";

/* The rows AnswerStore.save stores, as plain statements: its event INSERT word for word; the current
 * value as the kiosk's answer_event_current_value trigger writes it (the kiosk runs no statement of
 * its own for it); the page and last-seen time without the kiosk's check at commit. */
const char kiosk_insert_event_sql[] =
    "INSERT INTO answer_event (attempt_id, seq, variable, value, client_time, server_time) "
    "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (attempt_id, seq) DO NOTHING";
static const char upsert_current_sql[] =
    "INSERT INTO answer (attempt_id, variable, value, seq, answered_at) VALUES (?, ?, ?, ?, ?) "
    "ON CONFLICT (attempt_id, variable) DO UPDATE SET "
    "value = excluded.value, seq = excluded.seq, answered_at = excluded.answered_at "
    "WHERE excluded.seq > answer.seq";
static const char touch_attempt_sql[] = "UPDATE attempt SET position = ?, last_seen_at = ? WHERE id = ?";

void execute_or_exit(sqlite3 *db, const char *sql) {
    char *message = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &message) != SQLITE_OK) {
        fprintf(stderr, "sqlite: %s\n  in: %.120s\n", message, sql);
        exit(1);
    }
}

sqlite3 *create_kiosk_database(const char *path, int attempts) {
    sqlite3 *db = NULL;
    if (sqlite3_open(path, &db) != SQLITE_OK) {
        fprintf(stderr, "cannot open %s: %s\n", path, sqlite3_errmsg(db));
        exit(1);
    }
    execute_or_exit(db, kiosk_pragmas);
    execute_or_exit(db, kiosk_answer_schema);
    char created_at[24];
    format_database_time(milliseconds_now(), created_at);
    execute_or_exit(db, "BEGIN IMMEDIATE");
    for (int id = 1; id <= attempts; id++) {
        char sql[256];
        snprintf(sql, sizeof sql,
                 "INSERT INTO attempt (id, participant_id, session_id, instrument_id, instrument_hash, created_at) "
                 "VALUES (%d, 'P%d', 'BENCH', 'BENCH', '-', '%s')",
                 id, id, created_at);
        execute_or_exit(db, sql);
    }
    execute_or_exit(db, "COMMIT");
    return db;
}

static sqlite3_stmt *prepare_or_exit(sqlite3 *db, const char *sql) {
    sqlite3_stmt *statement = NULL;
    if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &statement, NULL) != SQLITE_OK) {
        fprintf(stderr, "sqlite: %s\n  in: %s\n", sqlite3_errmsg(db), sql);
        exit(1);
    }
    return statement;
}

void prepare_answer_statements(sqlite3 *db, struct answer_statements *statements) {
    statements->insert_event = prepare_or_exit(db, kiosk_insert_event_sql);
    statements->upsert_current = prepare_or_exit(db, upsert_current_sql);
    statements->touch_attempt = prepare_or_exit(db, touch_attempt_sql);
}

void finalize_answer_statements(struct answer_statements *statements) {
    sqlite3_finalize(statements->insert_event);
    sqlite3_finalize(statements->upsert_current);
    sqlite3_finalize(statements->touch_attempt);
}

/* Steps a statement that returns no rows, then resets it for the next use. */
static int run(sqlite3_stmt *statement) {
    int result = sqlite3_step(statement);
    sqlite3_reset(statement);
    return result == SQLITE_DONE ? SQLITE_OK : result;
}

int store_answer(const struct answer_statements *statements, const struct answer_row *row) {
    sqlite3_stmt *event = statements->insert_event;
    sqlite3_bind_int64(event, 1, row->attempt_id);
    sqlite3_bind_int64(event, 2, row->seq);
    sqlite3_bind_text(event, 3, row->variable, -1, SQLITE_STATIC);
    sqlite3_bind_text(event, 4, row->value, -1, SQLITE_STATIC);
    if (row->client_time != NULL) {
        sqlite3_bind_text(event, 5, row->client_time, -1, SQLITE_STATIC);
    } else {
        sqlite3_bind_null(event, 5);
    }
    sqlite3_bind_text(event, 6, row->server_time, -1, SQLITE_STATIC);
    int result = run(event);
    if (result != SQLITE_OK || sqlite3_changes(sqlite3_db_handle(event)) == 0) {
        return result;
    }
    sqlite3_stmt *current = statements->upsert_current;
    sqlite3_bind_int64(current, 1, row->attempt_id);
    sqlite3_bind_text(current, 2, row->variable, -1, SQLITE_STATIC);
    sqlite3_bind_text(current, 3, row->value, -1, SQLITE_STATIC);
    sqlite3_bind_int64(current, 4, row->seq);
    sqlite3_bind_text(current, 5, row->server_time, -1, SQLITE_STATIC);
    return run(current);
}

int touch_attempt(const struct answer_statements *statements, int64_t attempt_id, int64_t position,
                  const char *seen_at) {
    sqlite3_stmt *touch = statements->touch_attempt;
    sqlite3_bind_int64(touch, 1, position);
    sqlite3_bind_text(touch, 2, seen_at, -1, SQLITE_STATIC);
    sqlite3_bind_int64(touch, 3, attempt_id);
    return run(touch);
}

void format_database_time(int64_t milliseconds_since_1970, char text[24]) {
    time_t seconds = (time_t)(milliseconds_since_1970 / 1000);
    struct tm parts;
    gmtime_r(&seconds, &parts);
    size_t length = strftime(text, 24, "%Y-%m-%d %H:%M:%S", &parts);
    snprintf(text + length, 24 - length, ".%03d", (int)(milliseconds_since_1970 % 1000));
}

int64_t milliseconds_now(void) {
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    return (int64_t)now.tv_sec * 1000 + now.tv_nsec / 1000000;
}
