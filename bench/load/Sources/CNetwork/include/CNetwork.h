#ifndef KIOSK_BENCH_CNETWORK_H
#define KIOSK_BENCH_CNETWORK_H

// What the load generator needs of Linux's network API that Swift's Glibc module does not
// bring in full: epoll, the socket types, TCP_NODELAY.
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>

#endif
