/* Socket calls with bad pointers, for the tracer's tests: each fails with EFAULT in the
 * kernel, and the tracer must show it without reading past what it could read. */
#include <sys/socket.h>
#include <unistd.h>

int main(void)
{
    int ends[2];
    socklen_t length = 16;
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    connect(fd, (struct sockaddr *)8, 16);
    bind(fd, (struct sockaddr *)8, 0x7fffffff);
    getsockname(fd, (struct sockaddr *)8, &length);
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, (void *)8, 4);
    socketpair(AF_UNIX, SOCK_STREAM, 0, ends);
    write(ends[0], (void *)8, 100000);
    send(ends[0], (void *)8, 5, 0);
    recv(ends[1], (void *)8, 5, MSG_DONTWAIT);
    close(ends[0]);
    close(ends[1]);
    close(fd);
    return 0;
}
