/* N one-byte request/response round trips over TCP loopback between a client and a forked
 * echo server, for bench_tracer. Also the untraced baseline. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char *argv[])
{
    int rounds = argc > 1 ? atoi(argv[1]) : 10000;
    struct sockaddr_in address;
    socklen_t length = sizeof(address);
    char byte = 'x';
    int listener = socket(AF_INET, SOCK_STREAM, 0);
    memset(&address, 0, sizeof(address));
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(listener, (struct sockaddr *)&address, sizeof(address)) < 0 || listen(listener, 1) < 0)
        return 1;
    getsockname(listener, (struct sockaddr *)&address, &length);
    pid_t child = fork();
    if (child == 0) {
        int peer = accept(listener, NULL, NULL);
        while (recv(peer, &byte, 1, 0) == 1)
            send(peer, &byte, 1, 0);
        _exit(0);
    }
    close(listener);
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (connect(fd, (struct sockaddr *)&address, sizeof(address)) < 0)
        return 1;
    for (int i = 0; i < rounds; ++i) {
        if (send(fd, &byte, 1, 0) != 1 || recv(fd, &byte, 1, 0) != 1)
            return 1;
    }
    close(fd);
    waitpid(child, NULL, 0);
    return 0;
}
