/* The HTTP ceiling: libmicrohttpd, threaded as the kiosk is, answering every
 * PUT /api/v1/attempt/answers with one fixed small JSON body. No parsing, no storage: what
 * HTTP alone costs on this machine.
 *
 *   http_ceiling --port N [--threads N]      stops on SIGINT or SIGTERM */
#include "ceiling_server.h"
#include "options.h"

#include <string.h>

static const char answers_path[] = "/api/v1/attempt/answers";
static const char fixed_body[] = "{\"ackSeq\":1,\"remainingMs\":3600000,\"serverTime\":1700000000000,\"state\":\"open\"}";
static const char not_found_body[] = "{\"error\":{\"code\":\"not_found\"}}";

struct responses {
    struct MHD_Response *accepted;
    struct MHD_Response *not_found;
};

/* Any non-NULL pointer marks a request whose head has been seen. */
static int request_started;

static enum MHD_Result answer(void *cls, struct MHD_Connection *connection, const char *url, const char *method,
                              const char *version, const char *upload_data, size_t *upload_data_size,
                              void **request_context) {
    (void)version;
    (void)upload_data;
    const struct responses *responses = cls;
    if (*request_context == NULL) {
        /* Answering on the first call would close the connection (libmicrohttpd 0.9.75). */
        *request_context = &request_started;
        return MHD_YES;
    }
    if (*upload_data_size > 0) {
        *upload_data_size = 0;
        return MHD_YES;
    }
    if (strcmp(method, "PUT") == 0 && strcmp(url, answers_path) == 0) {
        return MHD_queue_response(connection, MHD_HTTP_OK, responses->accepted);
    }
    return MHD_queue_response(connection, MHD_HTTP_NOT_FOUND, responses->not_found);
}

static struct MHD_Response *fixed_response(const char *body) {
    struct MHD_Response *response =
        MHD_create_response_from_buffer(strlen(body), (void *)body, MHD_RESPMEM_PERSISTENT);
    add_kiosk_header_fields(response);
    return response;
}

int main(int argc, char **argv) {
    uint16_t port = (uint16_t)number_option(argc, argv, "port", 1, 65535);
    unsigned int threads = (unsigned int)number_option(argc, argv, "threads", 1, 64);
    struct responses responses = {fixed_response(fixed_body), fixed_response(not_found_body)};

    block_termination_signals();
    struct MHD_Daemon *daemon = start_ceiling_daemon(port, threads, answer, &responses, NULL, NULL);
    wait_for_termination();
    MHD_stop_daemon(daemon);
    MHD_destroy_response(responses.accepted);
    MHD_destroy_response(responses.not_found);
    return 0;
}
