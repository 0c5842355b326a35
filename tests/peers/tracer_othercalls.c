/* How long calls that are not socket calls take, for bench_tracer: N getppid() (never
 * trapped: only the tracer's seccomp filter sees it) and N one-byte read()s of /dev/zero
 * (trapped, since read may be on a socket, and let go unreported). Prints the nanoseconds
 * per call of each, measured with the vDSO clock (not a system call). */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static long long nowNs(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return now.tv_sec * 1000000000LL + now.tv_nsec;
}

int main(int argc, char *argv[])
{
    int count = argc > 1 ? atoi(argv[1]) : 100000;
    char byte;
    int zero = open("/dev/zero", O_RDONLY);
    if (count <= 0 || zero < 0)
        return 1;
    long long start = nowNs();
    for (int i = 0; i < count; ++i)
        syscall(SYS_getppid);
    long long untrapped = nowNs() - start;
    start = nowNs();
    for (int i = 0; i < count; ++i) {
        if (read(zero, &byte, 1) != 1)
            return 1;
    }
    long long trapped = nowNs() - start;
    printf("%.1f %.1f\n", (double)untrapped / count, (double)trapped / count);
    return 0;
}
