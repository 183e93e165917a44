/* What the two libmicrohttpd ceilings share with each other and with the kiosk's HTTPServer:
 * the same daemon flags and limits, the same response header fields, the same orderly stop. */
#ifndef CEILING_SERVER_H
#define CEILING_SERVER_H

#include <stdint.h>
#include <microhttpd.h>

/* Starts libmicrohttpd on 127.0.0.1:port as the kiosk does: internal epoll thread(s) (a pool
 * when threads > 1), suspend/resume allowed, the kiosk's connection limits. Exits on failure. */
struct MHD_Daemon *start_ceiling_daemon(uint16_t port, unsigned int threads,
                                        MHD_AccessHandlerCallback handler, void *handler_cls,
                                        MHD_RequestCompletedCallback completed, void *completed_cls);

/* Adds the header fields every kiosk API answer carries (content type, no-store, security). */
void add_kiosk_header_fields(struct MHD_Response *response);

/* Blocks SIGINT and SIGTERM in the calling thread and every thread started after it. */
void block_termination_signals(void);

/* Waits for SIGINT or SIGTERM (blocked beforehand with block_termination_signals). */
void wait_for_termination(void);

#endif
