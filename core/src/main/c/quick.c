/*
 * orchestrator's thin client. The launcher script runs it for the short verbs (ls, status, start, stop, restart)
 * when an orchestrator runs: it hands the command line to the running orchestrator (control op "cli", see
 * docs/control-protocol.md), which runs it with the CLI's own code and answers with the output and the exit code.
 * A JVM needs ~50 ms before it has sent a byte; this needs ~1 ms.
 *
 * usage: orchestrator-quick ROOT CLASSPATH [ARG...]
 *   ROOT       the project root the launcher found (the socket is found from it, as the CLI finds it)
 *   CLASSPATH  the class path the launcher would run the CLI with: the orchestrator runs the command only when it
 *              runs that very build
 *   ARG...     the command line as the user typed it
 *
 * Prints what the CLI printed and exits with its exit code. Exits 125 when the command was not run here: no socket,
 * a refused connection, a declined command (another build, another project, a form the orchestrator does not take),
 * or anything unexpected on the wire. The launcher then runs the CLI in a JVM, whose messages are the contract.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#define NOT_HERE 125
/* A healthy orchestrator says hello within milliseconds; a hung one is the JVM client's to report. */
#define HELLO_WAIT_MS 5000

struct buf {
    char *data;
    size_t len, cap;
};

_Noreturn static void fail(void) {
    exit(NOT_HERE);
}

static void put(struct buf *b, const char *s, size_t n) {
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (b->len + n + 1 > cap) cap *= 2;
        char *grown = realloc(b->data, cap);
        if (!grown) fail();
        b->data = grown;
        b->cap = cap;
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

static void puts_raw(struct buf *b, const char *s) {
    put(b, s, strlen(s));
}

/* A JSON string: quotes, backslashes and control characters escaped, other bytes (UTF-8) as they are. */
static void put_json_string(struct buf *b, const char *s) {
    put(b, "\"", 1);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        char esc[8];
        if (*p == '"' || *p == '\\') {
            esc[0] = '\\';
            esc[1] = (char)*p;
            put(b, esc, 2);
        } else if (*p < 0x20) {
            snprintf(esc, sizeof esc, "\\u%04x", *p);
            put(b, esc, 6);
        } else {
            put(b, (const char *)p, 1);
        }
    }
    put(b, "\"", 1);
}

/* To the socket, without SIGPIPE: an orchestrator closing on us means "run the JVM". */
static void send_all(int fd, const char *data, size_t len) {
    while (len > 0) {
        ssize_t n = send(fd, data, len, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) fail();
        data += n;
        len -= (size_t)n;
    }
}

/*
 * The command's output, once it ran. A failing write is not a reason to run it again in a JVM (a restart would
 * happen twice): like the CLI's PrintWriter, this stops writing and keeps the exit code. SIGPIPE stays as with any
 * CLI (`orchestrator ls | head -1`).
 */
static void emit(int fd, const char *data, size_t len) {
    while (len > 0) {
        ssize_t n = write(fd, data, len);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return;
        data += n;
        len -= (size_t)n;
    }
}

/* The socket as docs/control-protocol.md says: the pointer file's path, else .orchestrator/orchestrator.sock. */
static void socket_path(const char *root, char *out, size_t size) {
    char pointer[4096];
    if ((size_t)snprintf(pointer, sizeof pointer, "%s/.orchestrator/socket", root) >= sizeof pointer) fail();
    FILE *f = fopen(pointer, "re");
    if (f) {
        if (!fgets(out, (int)size, f)) fail();
        fclose(f);
        out[strcspn(out, "\r\n")] = '\0';
        return;
    }
    if ((size_t)snprintf(out, size, "%s/.orchestrator/orchestrator.sock", root) >= size) fail();
}

static int connect_to(const char *root) {
    struct sockaddr_un addr = {.sun_family = AF_UNIX};
    char path[4096];
    socket_path(root, path, sizeof path);
    if (strlen(path) >= sizeof addr.sun_path) fail();
    strcpy(addr.sun_path, path);
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) fail();
    if (connect(fd, (struct sockaddr *)&addr, sizeof addr) != 0) fail();
    return fd;
}

/* ---- reading the answer: lines of JSON, of which only a few top-level fields matter */

struct reader {
    int fd;
    struct buf in;
    size_t start; /* where the next line begins in in.data */
};

/* The next line (without its newline, NUL-terminated, valid until the next call); NULL at end of stream. */
static char *next_line(struct reader *r, int timeout_ms) {
    for (;;) {
        char *nl = r->in.len > r->start ? memchr(r->in.data + r->start, '\n', r->in.len - r->start) : NULL;
        if (nl) {
            char *line = r->in.data + r->start;
            *nl = '\0';
            r->start = (size_t)(nl - r->in.data) + 1;
            return line;
        }
        if (r->start > 0) { /* keep only the unfinished line */
            memmove(r->in.data, r->in.data + r->start, r->in.len - r->start);
            r->in.len -= r->start;
            r->start = 0;
        }
        if (timeout_ms >= 0) {
            struct pollfd p = {.fd = r->fd, .events = POLLIN};
            int ready;
            while ((ready = poll(&p, 1, timeout_ms)) < 0 && errno == EINTR) {
            }
            if (ready <= 0) fail();
        }
        char chunk[65536];
        ssize_t n = read(r->fd, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return NULL;
        put(&r->in, chunk, (size_t)n);
    }
}

static const char *skip_ws(const char *p) {
    while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n') p++;
    return p;
}

static void put_utf8(struct buf *b, unsigned long cp) {
    char u[4];
    size_t n;
    if (cp < 0x80) {
        u[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        u[0] = (char)(0xC0 | (cp >> 6));
        u[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        u[0] = (char)(0xE0 | (cp >> 12));
        u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        u[0] = (char)(0xF0 | (cp >> 18));
        u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    put(b, u, n);
}

static unsigned long hex4(const char *p) {
    char digits[5] = {0};
    memcpy(digits, p, 4);
    char *end;
    unsigned long v = strtoul(digits, &end, 16);
    if (end != digits + 4) fail();
    return v;
}

/* Decodes the JSON string at p (at its opening quote) into out (when not NULL); returns what follows it. */
static const char *string_at(const char *p, struct buf *out) {
    if (*p++ != '"') fail();
    for (;;) {
        const char *run = p;
        while (*p && *p != '"' && *p != '\\') p++;
        if (out) put(out, run, (size_t)(p - run));
        if (*p == '"') return p + 1;
        if (*p != '\\') fail();
        p++;
        char c = *p++;
        const char *simple = strchr("\"\\/bfnrt", c);
        if (c && simple) {
            static const char decoded[] = "\"\\/\b\f\n\r\t";
            if (out) put(out, &decoded[simple - "\"\\/bfnrt"], 1);
        } else if (c == 'u') {
            if (strnlen(p, 4) < 4) fail();
            unsigned long cp = hex4(p);
            p += 4;
            if (cp >= 0xD800 && cp < 0xDC00 && p[0] == '\\' && p[1] == 'u' && strnlen(p + 2, 4) == 4) {
                unsigned long low = hex4(p + 2);
                if (low >= 0xDC00 && low < 0xE000) {
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                    p += 6;
                }
            }
            if (out) put_utf8(out, cp);
        } else {
            fail();
        }
    }
}

/* Skips the JSON value at p; returns what follows it. */
static const char *skip_value(const char *p) {
    p = skip_ws(p);
    if (*p == '"') return string_at(p, NULL);
    if (*p == '{' || *p == '[') {
        char close = *p == '{' ? '}' : ']';
        p = skip_ws(p + 1);
        if (*p == close) return p + 1;
        for (;;) {
            if (close == '}') {
                p = skip_ws(string_at(skip_ws(p), NULL));
                if (*p++ != ':') fail();
            }
            p = skip_ws(skip_value(p));
            if (*p == close) return p + 1;
            if (*p++ != ',') fail();
        }
    }
    const char *start = p;
    while (*p && strchr("-+.0123456789eEtruefalsn", *p)) p++;
    if (p == start) fail();
    return p;
}

/* The top-level fields of one line that matter here. */
struct answer {
    char type[16];
    int ok;        /* -1 when absent */
    long exit;     /* -1 when absent */
    long protocol; /* -1 when absent */
    struct buf out, err;
};

static void parse_answer(const char *line, struct answer *a) {
    memset(a, 0, sizeof *a);
    a->ok = -1;
    a->exit = -1;
    a->protocol = -1;
    const char *p = skip_ws(line);
    if (*p++ != '{') fail();
    p = skip_ws(p);
    if (*p == '}') return;
    for (;;) {
        struct buf key = {0};
        p = skip_ws(string_at(skip_ws(p), &key));
        if (*p++ != ':') fail();
        p = skip_ws(p);
        const char *k = key.data ? key.data : "";
        if (strcmp(k, "type") == 0 && *p == '"') {
            struct buf type = {0};
            p = string_at(p, &type);
            snprintf(a->type, sizeof a->type, "%s", type.data ? type.data : "");
            free(type.data);
        } else if (strcmp(k, "ok") == 0 && (strncmp(p, "true", 4) == 0 || strncmp(p, "false", 5) == 0)) {
            a->ok = *p == 't';
            p += a->ok ? 4 : 5;
        } else if ((strcmp(k, "exit") == 0 || strcmp(k, "protocol") == 0) && *p >= '0' && *p <= '9') {
            char *end;
            long v = strtol(p, &end, 10);
            *(strcmp(k, "exit") == 0 ? &a->exit : &a->protocol) = v;
            p = end;
        } else if (strcmp(k, "stdout") == 0 && *p == '"') {
            p = string_at(p, &a->out);
        } else if (strcmp(k, "stderr") == 0 && *p == '"') {
            p = string_at(p, &a->err);
        } else {
            p = skip_value(p);
        }
        free(key.data);
        p = skip_ws(p);
        if (*p == '}') return;
        if (*p++ != ',') fail();
    }
}

int main(int argc, char **argv) {
    if (argc < 3) fail();
    char *cwd = getcwd(NULL, 0);
    if (!cwd) fail();
    int fd = connect_to(argv[1]);

    /* Our hello and the request in one write, as the CLI does: one round trip. */
    struct buf req = {0};
    puts_raw(&req, "{\"schema\":1,\"type\":\"hello\",\"protocol\":1,\"orchestrator\":\"thin-client\","
                   "\"client\":\"orchestrator-quick\"}\n{\"id\":1,\"op\":\"cli\",\"argv\":[");
    for (int i = 3; i < argc; i++) {
        if (i > 3) put(&req, ",", 1);
        put_json_string(&req, argv[i]);
    }
    puts_raw(&req, "],\"cwd\":");
    put_json_string(&req, cwd);
    puts_raw(&req, ",\"classpath\":");
    put_json_string(&req, argv[2]);
    puts_raw(&req, "}\n");
    send_all(fd, req.data, req.len);

    struct reader r = {.fd = fd};
    struct answer a;
    char *line = next_line(&r, HELLO_WAIT_MS);
    if (!line) fail();
    parse_answer(line, &a);
    if (strcmp(a.type, "hello") != 0 || a.protocol != 1) fail();
    /* The answer comes when the command is done: a stop waits for the apps' kill_timeout. */
    while ((line = next_line(&r, -1)) != NULL) {
        parse_answer(line, &a);
        if (strcmp(a.type, "error") == 0) fail(); /* e.g. an orchestrator that predates op "cli" */
        if (strcmp(a.type, "result") != 0) continue;
        if (a.ok != 1 || a.exit < 0 || a.exit > 255) fail(); /* declined: the launcher runs the JVM */
        emit(STDOUT_FILENO, a.out.data, a.out.len);
        emit(STDERR_FILENO, a.err.data, a.err.len);
        return (int)a.exit;
    }
    fail();
}
