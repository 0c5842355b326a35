/* Descriptor and waiting calls on sockets for the tracer's tests: fcntl, dup family, ioctl,
 * readv/writev, poll, ppoll, select, pselect, epoll (epoll_pwait and the older epoll_create
 * too); and the same calls on a pipe, which the
 * tracer must not report. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

int main(void)
{
    struct sockaddr_in address;
    socklen_t length = sizeof(address);
    memset(&address, 0, sizeof(address));
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    int listener = socket(AF_INET, SOCK_STREAM, 0);
    if (bind(listener, (struct sockaddr*)&address, sizeof(address)) < 0 || listen(listener, 1) < 0)
        return 1;
    getsockname(listener, (struct sockaddr*)&address, &length);
    int client = socket(AF_INET, SOCK_STREAM, 0);
    if (connect(client, (struct sockaddr*)&address, sizeof(address)) < 0)
        return 2;
    int served = accept(listener, NULL, NULL);

    int flags = fcntl(client, F_GETFL);
    fcntl(client, F_SETFL, flags | O_NONBLOCK);
    fcntl(client, F_SETFL, flags);
    int copy = dup(client);
    dup2(copy, 20);
    dup3(20, 21, O_CLOEXEC);
    int high = fcntl(listener, F_DUPFD_CLOEXEC, 30);
    close(copy);
    close(20);
    close(21);
    close(high);

    struct iovec parts[2] = {{"bon", 3}, {"jour", 4}};
    writev(client, parts, 2);
    struct pollfd wait = {served, POLLIN, 0};
    poll(&wait, 1, -1);
    int waiting = 0;
    ioctl(served, FIONREAD, &waiting);
    char head[3], tail[16];
    struct iovec into[2] = {{head, sizeof(head)}, {tail, sizeof(tail)}};
    ssize_t got = readv(served, into, 2);

    fd_set readable, writable;
    FD_ZERO(&readable);
    FD_ZERO(&writable);
    FD_SET(served, &readable);
    FD_SET(client, &writable);
    struct timeval patience = {5, 0};
    int widest = served > client ? served : client;
    select(widest + 1, &readable, &writable, NULL, &patience);
    FD_ZERO(&writable);
    FD_SET(client, &writable);
    struct timespec shortly = {1, 500000000};
    pselect(client + 1, NULL, &writable, NULL, &shortly, NULL);
    struct pollfd either[2] = {{served, POLLIN, 0}, {client, POLLOUT, 0}};
    ppoll(either, 2, &shortly, NULL);

    int watcher = epoll_create1(EPOLL_CLOEXEC);
    struct epoll_event interest = {EPOLLIN, {.u64 = 7}};
    epoll_ctl(watcher, EPOLL_CTL_ADD, served, &interest);
    write(client, "!", 1);
    struct epoll_event ready[4];
    int events = epoll_wait(watcher, ready, 4, -1);
    epoll_ctl(watcher, EPOLL_CTL_DEL, served, NULL);
    /* The older epoll_create, and epoll_pwait without a signal mask: the byte is still there. */
    int older = epoll_create(1);
    epoll_ctl(older, EPOLL_CTL_ADD, served, &interest);
    int stillReady = epoll_pwait(older, ready, 4, -1, NULL);
    close(older);

    /* The same on a pipe: none of it is about sockets. */
    int pipeEnds[2];
    if (pipe(pipeEnds) < 0)
        return 3;
    fcntl(pipeEnds[0], F_GETFL);
    close(dup(pipeEnds[0]));
    writev(pipeEnds[1], parts, 2);
    struct pollfd pipeWait = {pipeEnds[0], POLLIN, 0};
    poll(&pipeWait, 1, -1);
    ioctl(pipeEnds[0], FIONREAD, &waiting);
    readv(pipeEnds[0], into, 2);
    struct epoll_event pipeInterest = {EPOLLIN, {.u64 = 8}};
    epoll_ctl(watcher, EPOLL_CTL_ADD, pipeEnds[0], &pipeInterest);
    close(pipeEnds[0]);
    close(pipeEnds[1]);

    close(watcher);
    close(served);
    close(client);
    close(listener);
    return got == 7 && memcmp(head, "bon", 3) == 0 && memcmp(tail, "jour", 4) == 0 && events == 1 &&
                   stillReady == 1
               ? 0
               : 4;
}
