/* SQLite's single-row durable commit rate: the kiosk's own answer_event INSERT, one per
 * transaction, with the kiosk's pragmas (WAL, synchronous = FULL), for a number of seconds. What
 * a server that commits once per request is bounded by on this disk.
 *
 *   commit_rate --database FILE --seconds N
 * Prints {"commits":...,"seconds":...,"commitsPerSecond":...,"meanMicroseconds":...}. */
#include "kiosk_answers.h"
#include "options.h"

#include <stdio.h>
#include <time.h>

static double seconds_now(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)now.tv_sec + (double)now.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    long seconds = number_option(argc, argv, "seconds", 1, 3600);
    const char *path = option_value(argc, argv, "database");
    if (path == NULL) {
        fprintf(stderr, "usage: %s --database FILE --seconds N\n", argv[0]);
        return 2;
    }
    sqlite3 *db = create_kiosk_database(path, 1);
    sqlite3_stmt *insert_event = NULL;
    sqlite3_prepare_v2(db, kiosk_insert_event_sql, -1, &insert_event, NULL);

    long long commits = 0;
    double start = seconds_now();
    double elapsed = 0;
    while (elapsed < (double)seconds) {
        char server_time[24];
        format_database_time(milliseconds_now(), server_time);
        execute_or_exit(db, "BEGIN IMMEDIATE");
        sqlite3_bind_int64(insert_event, 1, 1);
        sqlite3_bind_int64(insert_event, 2, commits + 1);
        sqlite3_bind_text(insert_event, 3, "Q001", -1, SQLITE_STATIC);
        sqlite3_bind_text(insert_event, 4, "1", -1, SQLITE_STATIC);
        sqlite3_bind_null(insert_event, 5);
        sqlite3_bind_text(insert_event, 6, server_time, -1, SQLITE_STATIC);
        if (sqlite3_step(insert_event) != SQLITE_DONE) {
            fprintf(stderr, "sqlite: %s\n", sqlite3_errmsg(db));
            return 1;
        }
        sqlite3_reset(insert_event);
        execute_or_exit(db, "COMMIT");
        commits++;
        elapsed = seconds_now() - start;
    }
    sqlite3_finalize(insert_event);
    sqlite3_close(db);
    printf("{\"commits\":%lld,\"seconds\":%.3f,\"commitsPerSecond\":%.1f,\"meanMicroseconds\":%.1f}\n", commits,
           elapsed, (double)commits / elapsed, elapsed * 1e6 / (double)commits);
    return 0;
}
