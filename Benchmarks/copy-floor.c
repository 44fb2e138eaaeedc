// The file-system floor of a run on a tree: reads every file named in LIST (one path a line) and
// writes it unchanged to OUT/<n>.txt, with the system calls a cleaner cannot avoid per file
// (open, fstat, read, close; open with O_CREAT, write, close) and nothing else.
//
// Why: `dedup clean` on a tree of small files pays these calls for every file, and on a VM they
// are a large, machine-dependent share of the time (the zh tree: 2 362 files of 4.4 kB on
// average). Timing this program beside dedup (Benchmarks/bench.py) shows how much of a run's
// time no cleaner could save on this machine, and so what a throughput target leaves for the
// work itself.
//
// Usage: copy-floor LIST OUT (OUT must not exist). Exits 1 on any failed call, naming the path.
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int fail(const char *what, const char *path) {
    fprintf(stderr, "copy-floor: %s %s: %s\n", what, path, strerror(errno));
    return 1;
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: copy-floor LIST OUT\n");
        return 2;
    }
    FILE *list = fopen(argv[1], "r");
    if (list == NULL) return fail("open", argv[1]);
    if (mkdir(argv[2], 0755) != 0) return fail("mkdir", argv[2]);
    size_t capacity = 1 << 20;
    char *buffer = malloc(capacity);
    char path[4096], target[4096];
    long n = 0;
    if (buffer == NULL) return fail("malloc", argv[1]);
    while (fgets(path, sizeof path, list) != NULL) {
        path[strcspn(path, "\n")] = 0;
        if (path[0] == 0) continue;
        int in = open(path, O_RDONLY | O_CLOEXEC);
        if (in < 0) return fail("open", path);
        struct stat st;
        if (fstat(in, &st) != 0) return fail("fstat", path);
        if ((size_t)st.st_size > capacity) {
            capacity = (size_t)st.st_size;
            free(buffer);
            buffer = malloc(capacity);
            if (buffer == NULL) return fail("malloc", path);
        }
        size_t got = 0;
        while (got < (size_t)st.st_size) {
            ssize_t r = read(in, buffer + got, (size_t)st.st_size - got);
            if (r < 0) return fail("read", path);
            if (r == 0) break;
            got += (size_t)r;
        }
        close(in);
        snprintf(target, sizeof target, "%s/%ld.txt", argv[2], n++);
        int out = open(target, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
        if (out < 0) return fail("open", target);
        size_t put = 0;
        while (put < got) {
            ssize_t w = write(out, buffer + put, got - put);
            if (w < 0) return fail("write", target);
            put += (size_t)w;
        }
        if (close(out) != 0) return fail("close", target);
    }
    fclose(list);
    free(buffer);
    return 0;
}
