/* Stands in for socketscope-tracer in tst_tracerprocess: writes N protocol lines on the channel
 * as fast as it can (each an "exit" whose pid is its number, from 1), with "not json" instead of
 * line BAD when BAD is given, then exits 0.
 * Usage: tracerchannel_flood --channel FD -- N [BAD] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int writeAll(int fd, const char* bytes, size_t size)
{
    while (size > 0) {
        ssize_t written = write(fd, bytes, size);
        if (written <= 0)
            return -1;
        bytes += written;
        size -= (size_t)written;
    }
    return 0;
}

int main(int argc, char* argv[])
{
    int channel = -1;
    int words = 0;
    for (int i = 1; i < argc; ++i) {
        if (strcmp(argv[i], "--channel") == 0 && i + 1 < argc)
            channel = atoi(argv[++i]);
        else if (strcmp(argv[i], "--") == 0) {
            words = i + 1;
            break;
        }
    }
    if (channel < 0 || words == 0 || words >= argc)
        return 2;
    long lines = atol(argv[words]);
    long bad = words + 1 < argc ? atol(argv[words + 1]) : 0;
    /* In batches, as the tracer writes: a small write costs the socket's buffer far more than
     * its bytes. */
    static char batch[65536];
    size_t used = 0;
    for (long i = 1; i <= lines; ++i) {
        if (used + 128 > sizeof(batch)) {
            if (writeAll(channel, batch, used) != 0)
                return 1;
            used = 0;
        }
        int size = i == bad ? snprintf(batch + used, 128, "not json\n")
                            : snprintf(batch + used, 128,
                                       "{\"kind\":\"exit\",\"pid\":%ld,\"status\":0,\"tNs\":%ld}\n",
                                       i, i);
        used += (size_t)size;
    }
    return writeAll(channel, batch, used) != 0;
}
