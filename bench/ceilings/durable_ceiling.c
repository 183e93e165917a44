/* The durable ceiling: libmicrohttpd, threaded as the kiosk is, and one C writer thread with group
 * commit. Each PUT /api/v1/attempt/answers is parsed, its connection suspended and its answers
 * queued; the writer takes everything queued, stores it in one BEGIN IMMEDIATE transaction into
 * the kiosk's own tables with the kiosk's pragmas, commits (fsync), then answers and resumes every
 * connection of the batch. What a durable autosave can cost on this machine, with nothing else.
 *
 * The token is not looked up: "Bearer bench-N" names attempt N.
 *
 *   durable_ceiling --port N --threads N --database FILE --attempts N
 * On SIGINT or SIGTERM it commits what is queued, prints {"commits":...,"rows":...} and exits. */
#define _GNU_SOURCE /* memmem */
#include "ceiling_server.h"
#include "kiosk_answers.h"
#include "options.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The bench sends one answer per save; a few more fit. */
enum { max_body = 4096, max_answers = 16 };

static const char answers_path[] = "/api/v1/attempt/answers";
static const char bearer_prefix[] = "Bearer bench-";

struct parsed_answer {
    char variable[65];
    char value[256];
    int64_t seq;
};

/* One request, from its head to its completion; owned by libmicrohttpd's request context. */
struct exchange {
    struct MHD_Connection *connection;
    char body[max_body + 1];
    size_t body_length;
    bool queued;
    bool stored;
    int status;
    int64_t attempt_id;
    int64_t position;
    int64_t highest_seq;
    char client_time[24];
    char server_time[24];
    int answer_count;
    struct parsed_answer answers[max_answers];
    struct exchange *next;
};

struct save_queue {
    pthread_mutex_t lock;
    pthread_cond_t ready;
    struct exchange *head;
    struct exchange *tail;
    bool stopping;
};

struct writer {
    sqlite3 *db;
    struct answer_statements statements;
    struct save_queue queue;
    long long commits;
    long long rows;
};

/* ---- The body: just enough JSON for the bench's saves ---- */

/* The length of the JSON value starting at text (a string, number, literal, array or object). */
static size_t json_value_length(const char *text) {
    const char *cursor = text;
    int depth = 0;
    bool in_string = false;
    for (; *cursor != '\0'; cursor++) {
        char c = *cursor;
        if (in_string) {
            if (c == '\\' && cursor[1] != '\0') {
                cursor++;
            } else if (c == '"') {
                in_string = false;
                if (depth == 0) return (size_t)(cursor - text) + 1;
            }
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            depth++;
        } else if (c == ']' || c == '}') {
            if (depth == 0) break;
            if (--depth == 0) return (size_t)(cursor - text) + 1;
        } else if (c == ',' && depth == 0) {
            break;
        }
    }
    return (size_t)(cursor - text);
}

/* The value of "key" within [text, end), or NULL. */
static const char *json_member(const char *text, const char *end, const char *key) {
    char pattern[40];
    int length = snprintf(pattern, sizeof pattern, "\"%s\":", key);
    const char *found = memmem(text, (size_t)(end - text), pattern, (size_t)length);
    return found == NULL ? NULL : found + length;
}

static bool copy_json_value(const char *value, const char *end, char *out, size_t capacity) {
    if (value == NULL) return false;
    size_t length = json_value_length(value);
    if (length == 0 || length >= capacity || value + length > end) return false;
    memcpy(out, value, length);
    out[length] = '\0';
    return true;
}

static bool parse_answer(const char *object, const char *end, struct parsed_answer *answer) {
    char item[sizeof answer->variable + 2];
    const char *seq = json_member(object, end, "seq");
    if (!copy_json_value(json_member(object, end, "item"), end, item, sizeof item) || item[0] != '"' ||
        !copy_json_value(json_member(object, end, "value"), end, answer->value, sizeof answer->value) ||
        seq == NULL) {
        return false;
    }
    size_t item_length = strlen(item);
    memcpy(answer->variable, item + 1, item_length - 2); /* without the quotes */
    answer->variable[item_length - 2] = '\0';
    answer->seq = strtoll(seq, NULL, 10);
    return answer->seq > 0;
}

/* Reads {"answers":[{"item","value","seq"}...],"position","clientTime"}; false if malformed. */
static bool parse_saves(struct exchange *exchange) {
    const char *body = exchange->body;
    const char *end = body + exchange->body_length;
    const char *list = json_member(body, end, "answers");
    if (list == NULL || *list != '[') return false;
    const char *list_end = list + json_value_length(list);
    const char *cursor = list + 1;
    exchange->answer_count = 0;
    exchange->highest_seq = 0;
    while (cursor < list_end && (cursor = memchr(cursor, '{', (size_t)(list_end - cursor))) != NULL) {
        const char *object_end = cursor + json_value_length(cursor);
        if (exchange->answer_count == max_answers) return false;
        struct parsed_answer *answer = &exchange->answers[exchange->answer_count++];
        if (!parse_answer(cursor, object_end, answer)) return false;
        if (answer->seq > exchange->highest_seq) exchange->highest_seq = answer->seq;
        cursor = object_end;
    }
    const char *position = json_member(list_end, end, "position");
    const char *client_time = json_member(list_end, end, "clientTime");
    exchange->position = position == NULL ? 0 : strtoll(position, NULL, 10);
    if (client_time != NULL) {
        format_database_time(strtoll(client_time, NULL, 10), exchange->client_time);
    }
    return exchange->answer_count > 0;
}

/* ---- The writer thread: group commit ---- */

/* Waits for saves; NULL once stopping with nothing queued. */
static struct exchange *take_all_queued(struct save_queue *queue) {
    pthread_mutex_lock(&queue->lock);
    while (queue->head == NULL && !queue->stopping) {
        pthread_cond_wait(&queue->ready, &queue->lock);
    }
    struct exchange *batch = queue->head;
    queue->head = queue->tail = NULL;
    pthread_mutex_unlock(&queue->lock);
    return batch;
}

static int store_exchange(struct writer *writer, const struct exchange *exchange) {
    for (int index = 0; index < exchange->answer_count; index++) {
        const struct parsed_answer *answer = &exchange->answers[index];
        struct answer_row row = {
            exchange->attempt_id, answer->seq, answer->variable, answer->value,
            exchange->client_time[0] != '\0' ? exchange->client_time : NULL, exchange->server_time,
        };
        int result = store_answer(&writer->statements, &row);
        if (result != SQLITE_OK) return result;
    }
    return touch_attempt(&writer->statements, exchange->attempt_id, exchange->position, exchange->server_time);
}

/* One transaction for the whole batch; false (and nothing stored) if any part fails. */
static bool commit_batch(struct writer *writer, struct exchange *batch, long long *rows) {
    execute_or_exit(writer->db, "BEGIN IMMEDIATE");
    *rows = 0;
    for (struct exchange *exchange = batch; exchange != NULL; exchange = exchange->next) {
        if (store_exchange(writer, exchange) != SQLITE_OK) {
            fprintf(stderr, "sqlite: %s\n", sqlite3_errmsg(writer->db));
            execute_or_exit(writer->db, "ROLLBACK");
            return false;
        }
        *rows += exchange->answer_count;
    }
    return sqlite3_exec(writer->db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK;
}

static void *run_writer(void *argument) {
    struct writer *writer = argument;
    struct exchange *batch;
    while ((batch = take_all_queued(&writer->queue)) != NULL) {
        long long rows = 0;
        bool committed = commit_batch(writer, batch, &rows);
        if (committed) {
            writer->commits++;
            writer->rows += rows;
        }
        while (batch != NULL) {
            /* Read next first: once resumed, the exchange may be answered and freed at once. */
            struct exchange *next = batch->next;
            batch->status = committed ? MHD_HTTP_OK : MHD_HTTP_INTERNAL_SERVER_ERROR;
            batch->stored = true;
            MHD_resume_connection(batch->connection);
            batch = next;
        }
    }
    return NULL;
}

/* Queues a parsed save and suspends its connection; false when the writer is stopping. */
static bool enqueue(struct save_queue *queue, struct exchange *exchange) {
    pthread_mutex_lock(&queue->lock);
    if (queue->stopping) {
        pthread_mutex_unlock(&queue->lock);
        return false;
    }
    /* Suspended before the writer can see it, so that its resume always follows. */
    MHD_suspend_connection(exchange->connection);
    if (queue->tail != NULL) {
        queue->tail->next = exchange;
    } else {
        queue->head = exchange;
    }
    queue->tail = exchange;
    pthread_cond_signal(&queue->ready);
    pthread_mutex_unlock(&queue->lock);
    return true;
}

/* ---- libmicrohttpd's callbacks ---- */

static enum MHD_Result respond(struct MHD_Connection *connection, unsigned int status, const char *body) {
    struct MHD_Response *response = MHD_create_response_from_buffer(strlen(body), (void *)body, MHD_RESPMEM_MUST_COPY);
    add_kiosk_header_fields(response);
    enum MHD_Result queued = MHD_queue_response(connection, status, response);
    MHD_destroy_response(response);
    return queued;
}

static enum MHD_Result respond_stored(struct exchange *exchange) {
    if (exchange->status != MHD_HTTP_OK) {
        return respond(exchange->connection, exchange->status, "{\"error\":{\"code\":\"internal_error\"}}");
    }
    char body[160];
    snprintf(body, sizeof body, "{\"ackSeq\":%lld,\"remainingMs\":3600000,\"serverTime\":%lld,\"state\":\"open\"}",
             (long long)exchange->highest_seq, (long long)milliseconds_now());
    return respond(exchange->connection, MHD_HTTP_OK, body);
}

/* The attempt a request's token names, or 0. */
static int64_t attempt_of(struct MHD_Connection *connection) {
    const char *authorization = MHD_lookup_connection_value(connection, MHD_HEADER_KIND, "Authorization");
    if (authorization == NULL || strncmp(authorization, bearer_prefix, sizeof bearer_prefix - 1) != 0) return 0;
    return strtoll(authorization + sizeof bearer_prefix - 1, NULL, 10);
}

static enum MHD_Result answer(void *cls, struct MHD_Connection *connection, const char *url, const char *method,
                              const char *version, const char *upload_data, size_t *upload_data_size,
                              void **request_context) {
    (void)version;
    struct writer *writer = cls;
    struct exchange *exchange = *request_context;
    if (exchange == NULL) {
        /* The head only: answering now would close the connection (libmicrohttpd 0.9.75). */
        exchange = malloc(sizeof *exchange);
        exchange->connection = connection;
        exchange->body_length = 0;
        exchange->queued = exchange->stored = false;
        exchange->next = NULL;
        *request_context = exchange;
        return MHD_YES;
    }
    if (*upload_data_size > 0) {
        size_t room = max_body - exchange->body_length;
        size_t length = *upload_data_size < room ? *upload_data_size : room;
        memcpy(exchange->body + exchange->body_length, upload_data, length);
        exchange->body_length += length;
        *upload_data_size = 0;
        return MHD_YES;
    }
    if (exchange->stored) return respond_stored(exchange);
    if (exchange->queued) return MHD_YES;
    if (strcmp(method, "PUT") != 0 || strcmp(url, answers_path) != 0) {
        return respond(connection, MHD_HTTP_NOT_FOUND, "{\"error\":{\"code\":\"not_found\"}}");
    }
    exchange->body[exchange->body_length] = '\0';
    exchange->client_time[0] = '\0';
    exchange->attempt_id = attempt_of(connection);
    if (exchange->attempt_id <= 0) {
        return respond(connection, MHD_HTTP_UNAUTHORIZED, "{\"error\":{\"code\":\"not_logged_in\"}}");
    }
    if (exchange->body_length == max_body || !parse_saves(exchange)) {
        return respond(connection, MHD_HTTP_BAD_REQUEST, "{\"error\":{\"code\":\"invalid_json\"}}");
    }
    format_database_time(milliseconds_now(), exchange->server_time);
    exchange->queued = true;
    if (!enqueue(&writer->queue, exchange)) {
        return respond(connection, MHD_HTTP_SERVICE_UNAVAILABLE, "{\"error\":{\"code\":\"shutting_down\"}}");
    }
    return MHD_YES;
}

static void request_completed(void *cls, struct MHD_Connection *connection, void **request_context,
                              enum MHD_RequestTerminationCode reason) {
    (void)cls;
    (void)connection;
    (void)reason;
    free(*request_context);
    *request_context = NULL;
}

int main(int argc, char **argv) {
    uint16_t port = (uint16_t)number_option(argc, argv, "port", 1, 65535);
    unsigned int threads = (unsigned int)number_option(argc, argv, "threads", 1, 64);
    int attempts = (int)number_option(argc, argv, "attempts", 1, 1000000);
    const char *path = option_value(argc, argv, "database");
    if (path == NULL) {
        fprintf(stderr, "usage: %s --port N --threads N --database FILE --attempts N\n", argv[0]);
        return 2;
    }

    block_termination_signals();
    struct writer writer = {.db = create_kiosk_database(path, attempts)};
    prepare_answer_statements(writer.db, &writer.statements);
    pthread_mutex_init(&writer.queue.lock, NULL);
    pthread_cond_init(&writer.queue.ready, NULL);
    pthread_t writer_thread;
    pthread_create(&writer_thread, NULL, run_writer, &writer);
    struct MHD_Daemon *daemon = start_ceiling_daemon(port, threads, answer, &writer, request_completed, NULL);

    wait_for_termination();
    /* The kiosk's order: refuse new saves, commit and answer those queued, then stop HTTP. */
    pthread_mutex_lock(&writer.queue.lock);
    writer.queue.stopping = true;
    pthread_cond_signal(&writer.queue.ready);
    pthread_mutex_unlock(&writer.queue.lock);
    pthread_join(writer_thread, NULL);
    MHD_stop_daemon(daemon);
    finalize_answer_statements(&writer.statements);
    sqlite3_close(writer.db);
    printf("{\"commits\":%lld,\"rows\":%lld}\n", writer.commits, writer.rows);
    return 0;
}
