#ifndef KIOSK_CMICROHTTPD_SHIM_H
#define KIOSK_CMICROHTTPD_SHIM_H

// libmicrohttpd, as Debian's libmicrohttpd-dev installs it.
//
// Swift does not import C variadic functions. The four libmicrohttpd calls the kiosk needs that
// are variadic get a fixed-signature `static inline` wrapper here, in the way GRDB's shim wraps
// `sqlite3_db_config`. Nothing else belongs in this file.

#include <stdarg.h>
#include <stdint.h>
#include <sys/socket.h>
#include <microhttpd.h>

/// `MHD_start_daemon` is variadic: every option is passed through one `MHD_OPTION_ARRAY`, which
/// Swift can build as an array of `struct MHD_OptionItem` ending with `MHD_OPTION_END`.
/// `accept_policy` (may be NULL) decides, per connecting address, whether to accept it.
static inline struct MHD_Daemon *kiosk_mhd_start_daemon(unsigned int flags,
                                                       uint16_t port,
                                                       MHD_AcceptPolicyCallback accept_policy,
                                                       void *accept_policy_cls,
                                                       MHD_AccessHandlerCallback handler,
                                                       void *handler_cls,
                                                       struct MHD_OptionItem *options) {
    return MHD_start_daemon(flags, port, accept_policy, accept_policy_cls, handler, handler_cls,
                            MHD_OPTION_ARRAY, options, MHD_OPTION_END);
}

/// `MHD_get_daemon_info` is variadic: the port the daemon actually bound (the kernel picks one
/// when asked for port 0, as tests do). Returns 0 when it cannot be known.
static inline uint16_t kiosk_mhd_bound_port(struct MHD_Daemon *daemon) {
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_BIND_PORT);
    return info == NULL ? 0 : info->port;
}

/// `MHD_get_connection_info` is variadic: the peer's address, for per-address limits and logs.
/// Returns NULL when libmicrohttpd does not know it.
static inline const struct sockaddr *kiosk_mhd_client_address(struct MHD_Connection *connection) {
    const union MHD_ConnectionInfo *info =
        MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    return info == NULL ? NULL : info->client_addr;
}

/// `MHD_set_connection_option` is variadic: a connection's idle timeout, in seconds.
static inline enum MHD_Result kiosk_mhd_set_connection_timeout(struct MHD_Connection *connection,
                                                               unsigned int seconds) {
    return MHD_set_connection_option(connection, MHD_CONNECTION_OPTION_TIMEOUT, seconds);
}

#endif
