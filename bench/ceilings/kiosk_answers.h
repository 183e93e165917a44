/* The kiosk's answer tables in C: its schema (Sources/KioskStorage/KioskSchema.swift, migration
 * 0003 "answering") and its pragmas (KioskDatabase.swift), for the durable ceilings. */
#ifndef KIOSK_ANSWERS_H
#define KIOSK_ANSWERS_H

#include <sqlite3.h>
#include <stdint.h>

/* One answer as the kiosk stores it: the event row and the current value. */
struct answer_row {
    int64_t attempt_id;
    int64_t seq;
    const char *variable;
    const char *value; /* the value's JSON text */
    const char *client_time; /* NULL when the browser sent none */
    const char *server_time;
};

/* The statements of one save, prepared once on the writer's connection. */
struct answer_statements {
    sqlite3_stmt *insert_event;
    sqlite3_stmt *upsert_current;
    sqlite3_stmt *touch_attempt;
};

/* AnswerStore.save's event INSERT: attempt_id, seq, variable, value, client_time, server_time. */
extern const char kiosk_insert_event_sql[];

/* Creates the database at path with the kiosk's pragmas and tables and attempts 1...attempts.
 * Exits on failure. */
sqlite3 *create_kiosk_database(const char *path, int attempts);

void prepare_answer_statements(sqlite3 *db, struct answer_statements *statements);

void finalize_answer_statements(struct answer_statements *statements);

/* Stores one answer as the kiosk's AnswerStore.save does: the event unless its seq is already
 * stored, then the current value unless a later seq set it. Returns an SQLite result code. */
int store_answer(const struct answer_statements *statements, const struct answer_row *row);

/* Records the participant's page and when they were last seen. Returns an SQLite result code. */
int touch_attempt(const struct answer_statements *statements, int64_t attempt_id, int64_t position,
                  const char *seen_at);

/* Executes SQL without results; exits with SQLite's message on failure. */
void execute_or_exit(sqlite3 *db, const char *sql);

/* A time as GRDB stores a Date: "YYYY-MM-DD HH:MM:SS.SSS" in UTC; text must hold 24 bytes. */
void format_database_time(int64_t milliseconds_since_1970, char text[24]);

int64_t milliseconds_now(void);

#endif
