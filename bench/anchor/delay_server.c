/*
 * The fan-out targets: a small HTTP/1.x server that costs little CPU, so that a fan-out benchmark
 * measures the prober, not the targets. One thread, epoll, non-blocking sockets. Every connection
 * gets "200 OK" (empty body, Connection: close) DELAY_MS after its request head arrived, then is
 * closed. The delay is the same for all, so the waiting connections form a FIFO queue: no timer
 * structure is needed. Loopback only: it listens on 127.0.0.1, or on COUNT consecutive addresses
 * of 127.0.0.0/8 from FIRST (many hosts for a scan, whose chunks hold the targets of one host).
 * With BODY_BYTES=N in the environment every answer but HEAD's carries an HTML page of N bytes (a
 * title, script tags, filler), the same page for all; HEAD gets the same head without it. An answer
 * the socket does not take at once is written on as the socket drains (EPOLLOUT), so N may be large.
 * Not gzipped: the page is sent as it is whatever the request accepts.
 * Build: cc -O2 -o delay_server delay_server.c
 * Usage: [BODY_BYTES=N] delay_server PORT [DELAY_MS (100) [FIRST_ADDRESS (127.0.0.1) COUNT (1)]]
 */
#define _GNU_SOURCE
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>

#define MAX_FDS 65536
#define MAX_LISTENERS 4096

static char *answer;                  /* the head, then the page: the same for every connection */
static size_t head_length, answer_length;

static unsigned tail[MAX_FDS];        /* last bytes read on each connection, to find the blank line */
static unsigned long long seen[MAX_FDS];  /* bytes read on each connection */
static char head_only[MAX_FDS];       /* the request's method is HEAD */
static size_t sent[MAX_FDS], due_bytes[MAX_FDS];  /* an answer being written: how far, and its end */
static char writing[MAX_FDS];         /* 1 while the socket is polled for room to write the rest */
static int queue[MAX_FDS];            /* connections waiting for their answer, oldest first */
static long long due[MAX_FDS];
static int head_i, count;
static char listening[MAX_FDS];       /* 1 for the listening sockets */

static long long now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000LL + t.tv_nsec / 1000000;
}

/* The answer: an empty 200, or with a page of exactly `body` bytes (cut short when the page's
 * frame alone is longer). */
static void build_answer(size_t body) {
    static const char top[] = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
        "<title>HeadProbe bench page</title>\n"
        "<script src=\"/static/vendor.js\"></script>\n<script src=\"/static/app.js\"></script>\n"
        "<script src=\"https://cdn.example.com/analytics.js\" async></script>\n"
        "<link rel=\"stylesheet\" href=\"/static/site.css\"></head>\n<body>\n";
    static const char filler[] = "<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do "
        "eiusmod tempor incididunt ut labore et dolore magna aliqua.</p>\n";
    static const char bottom[] = "</body></html>\n";
    char head[128];
    head_length = snprintf(head, sizeof head, "HTTP/1.1 200 OK\r\n%sContent-Length: %zu\r\nConnection: close\r\n\r\n",
                           body ? "Content-Type: text/html; charset=utf-8\r\n" : "", body);
    answer_length = head_length + body;
    answer = malloc(answer_length + sizeof top + sizeof bottom);
    memcpy(answer, head, head_length);
    char *page = answer + head_length, *at = page;
    at = stpcpy(at, top);
    while ((size_t) (at - page) + sizeof bottom - 1 < body) {
        size_t room = body - (at - page) - (sizeof bottom - 1);
        size_t take = room < sizeof filler - 1 ? room : sizeof filler - 1;
        memcpy(at, filler, take);
        at += take;
    }
    strcpy(at, bottom);   /* past the end when the frame is longer than the page; not sent then */
}

/* Writes what the socket takes of fd's answer; 1 when it is all written (or the peer is gone). */
static int write_on(int fd) {
    while (sent[fd] < due_bytes[fd]) {
        ssize_t wrote = write(fd, answer + sent[fd], due_bytes[fd] - sent[fd]);
        if (wrote < 0) {
            return errno != EAGAIN && errno != EINTR;
        }
        sent[fd] += wrote;
    }
    return 1;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s PORT [DELAY_MS [FIRST_ADDRESS COUNT]]\n", argv[0]);
        return 2;
    }
    long long delay = argc > 2 ? atoll(argv[2]) : 100;
    struct in_addr first = { htonl(INADDR_LOOPBACK) };
    if (argc > 3 && inet_pton(AF_INET, argv[3], &first) != 1) {
        fprintf(stderr, "not an IPv4 address: %s\n", argv[3]);
        return 2;
    }
    int addresses = argc > 4 ? atoi(argv[4]) : 1;
    uint32_t from = ntohl(first.s_addr);
    if (addresses < 1 || addresses > MAX_LISTENERS || (from >> 24) != 127 || ((from + addresses - 1) >> 24) != 127) {
        fprintf(stderr, "the addresses must be 1 to %d addresses of 127.0.0.0/8\n", MAX_LISTENERS);
        return 2;
    }
    const char *body = getenv("BODY_BYTES");
    build_answer(body ? strtoull(body, NULL, 10) : 0);
    signal(SIGPIPE, SIG_IGN);
    int poller = epoll_create1(0);
    for (int a = 0; a < addresses; a++) {
        int listener = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
        int one = 1;
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        struct sockaddr_in address = { .sin_family = AF_INET, .sin_port = htons(atoi(argv[1])) };
        address.sin_addr.s_addr = htonl(from + a);
        if (bind(listener, (struct sockaddr *) &address, sizeof address) || listen(listener, 16384)) {
            perror("listen");
            return 1;
        }
        listening[listener] = 1;
        struct epoll_event event = { .events = EPOLLIN, .data.fd = listener };
        epoll_ctl(poller, EPOLL_CTL_ADD, listener, &event);
    }
    struct epoll_event ready[512];
    for (;;) {
        int wait = -1;
        if (count > 0) {
            long long left = due[head_i] - now_ms();
            wait = left < 0 ? 0 : (int) left;
        }
        int n = epoll_wait(poller, ready, 512, wait);
        for (int i = 0; i < n; i++) {
            int fd = ready[i].data.fd;
            if (listening[fd]) {
                int client;
                while ((client = accept4(fd, NULL, NULL, SOCK_NONBLOCK)) >= 0) {
                    if (client >= MAX_FDS) {
                        close(client);
                        continue;
                    }
                    tail[client] = 0;
                    seen[client] = 0;
                    head_only[client] = 1;
                    struct epoll_event in = { .events = EPOLLIN | EPOLLRDHUP, .data.fd = client };
                    epoll_ctl(poller, EPOLL_CTL_ADD, client, &in);
                }
                continue;
            }
            if (writing[fd]) {
                if (write_on(fd) || (ready[i].events & (EPOLLERR | EPOLLHUP))) {
                    writing[fd] = 0;
                    close(fd);
                }
                continue;
            }
            char buffer[4096];
            ssize_t got = read(fd, buffer, sizeof buffer);
            if (got <= 0) {
                if (got < 0 && errno == EAGAIN) {
                    continue;
                }
                close(fd);  /* gone before its request was complete (queued ones are no longer polled) */
                continue;
            }
            int complete = 0;
            for (ssize_t j = 0; j < got && !complete; j++) {
                if (seen[fd] < 5 && buffer[j] != "HEAD "[seen[fd]]) {
                    head_only[fd] = 0;
                }
                seen[fd]++;
                tail[fd] = (tail[fd] << 8) | (unsigned char) buffer[j];
                complete = tail[fd] == 0x0d0a0d0a || (tail[fd] & 0xffff) == 0x0a0a;
            }
            if (complete) {
                epoll_ctl(poller, EPOLL_CTL_DEL, fd, NULL);
                int slot = (head_i + count) % MAX_FDS;
                queue[slot] = fd;
                due[slot] = now_ms() + delay;
                count++;
            }
        }
        long long now = now_ms();
        while (count > 0 && due[head_i] <= now) {
            int fd = queue[head_i];
            sent[fd] = 0;
            due_bytes[fd] = head_only[fd] ? head_length : answer_length;
            if (write_on(fd)) {
                close(fd);
            } else {
                writing[fd] = 1;
                struct epoll_event out = { .events = EPOLLOUT, .data.fd = fd };
                epoll_ctl(poller, EPOLL_CTL_ADD, fd, &out);
            }
            head_i = (head_i + 1) % MAX_FDS;
            count--;
        }
    }
}
