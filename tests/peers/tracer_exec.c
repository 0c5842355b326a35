/* exec for the tracer's tests: a socket made with SOCK_CLOEXEC and one without, then the
 * program runs itself again with the number of the second one, which the new program still
 * has (getsockname succeeds on it) while the kernel closed the first at exec. */
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc > 1) {
        struct sockaddr_in address;
        socklen_t length = sizeof(address);
        return getsockname(atoi(argv[1]), (struct sockaddr *)&address, &length) == 0 ? 0 : 1;
    }
    int kept = socket(AF_INET, SOCK_DGRAM, 0);
    int closed = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (kept < 0 || closed < 0)
        return 2;
    char number[16];
    snprintf(number, sizeof(number), "%d", kept);
    execl("/proc/self/exe", argv[0], number, (char *)NULL);
    return 3;
}
