/* Programs that push a tracer to its limits, for the tracer's tests. One mode an argument:
 *   forks N    forks N children that exit at once, and waits for them all
 *   closestd   closes descriptors 0, 1 and 2, then its socket is descriptor 0
 *   flood N    a forked child streams N bytes through a socketpair to its parent
 *   stop       makes a socket, stops itself with SIGSTOP, and goes on once continued
 *   eintr      blocks in accept() until a SIGUSR1, whose handler has no SA_RESTART: EINTR
 *   restart    blocks in accept() until a SIGUSR1, whose handler (SA_RESTART) tries an
 *              accept() of its own on another socket, then connects a client itself:
 *              accept() is made again and takes it
 *   quiet      blocks in accept() until a SIGUSR1, whose handler (SA_RESTART) does nothing:
 *              accept() goes on, until the test connects
 *   streammmsg two messages sent at once on a stream socketpair, read back by recvmmsg */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

static int forks(int count)
{
    for (int i = 0; i < count; ++i) {
        pid_t child = fork();
        if (child < 0)
            return 1;
        if (child == 0)
            _exit(0);
    }
    int status;
    while (wait(&status) > 0)
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
            return 1;
    return 0;
}

static int closeStandardDescriptors(void)
{
    struct sockaddr_in self;
    socklen_t length = sizeof(self);
    char byte = 0;
    close(0);
    close(1);
    close(2);
    int s = socket(AF_INET, SOCK_DGRAM, 0);
    memset(&self, 0, sizeof(self));
    self.sin_family = AF_INET;
    self.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (s != 0 || bind(s, (struct sockaddr *)&self, sizeof(self)) < 0 ||
        getsockname(s, (struct sockaddr *)&self, &length) < 0)
        return 1;
    if (sendto(s, "x", 1, 0, (struct sockaddr *)&self, sizeof(self)) != 1 ||
        recv(s, &byte, 1, 0) != 1 || byte != 'x')
        return 1;
    return close(s) == 0 ? 0 : 1;
}

static int flood(long long total)
{
    static char chunk[65536];
    int ends[2];
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, ends) < 0)
        return 1;
    pid_t child = fork();
    if (child == 0) {
        close(ends[0]);
        memset(chunk, 'f', sizeof(chunk));
        for (long long sent = 0; sent < total;) {
            long long left = total - sent;
            ssize_t n = write(ends[1], chunk, left < (long long)sizeof(chunk) ? left : sizeof(chunk));
            if (n <= 0)
                _exit(1);
            sent += n;
        }
        _exit(0);
    }
    close(ends[1]);
    long long received = 0;
    ssize_t n;
    while ((n = read(ends[0], chunk, sizeof(chunk))) > 0)
        received += n;
    int status;
    waitpid(child, &status, 0);
    return received == total && WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 1;
}

static struct sockaddr_in listening;
static int other = -1;

static void acceptThenConnect(int signal)
{
    (void)signal;
    accept(other, NULL, NULL); /* nobody there: EAGAIN, the same call as the one interrupted */
    int client = socket(AF_INET, SOCK_STREAM, 0);
    connect(client, (struct sockaddr *)&listening, sizeof(listening));
}

static void nothing(int signal)
{
    (void)signal;
}

static int listenOnLoopback(int type, struct sockaddr_in *address)
{
    socklen_t length = sizeof(*address);
    int listener = socket(AF_INET, type, 0);
    memset(address, 0, sizeof(*address));
    address->sin_family = AF_INET;
    address->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(listener, (struct sockaddr *)address, sizeof(*address)) < 0 || listen(listener, 1) < 0 ||
        getsockname(listener, (struct sockaddr *)address, &length) < 0)
        return -1;
    return listener;
}

/* accept() on a listening socket nobody connects to, until the test sends SIGUSR1 (once it
 * sees the call blocked: no timing). */
static int interruptedAccept(const char *mode)
{
    const int restart = strcmp(mode, "eintr") != 0;
    const int handlerCalls = strcmp(mode, "restart") == 0;
    struct sockaddr_in otherAddress;
    struct sigaction action;
    memset(&action, 0, sizeof(action));
    action.sa_handler = handlerCalls ? acceptThenConnect : nothing;
    action.sa_flags = restart ? SA_RESTART : 0;
    sigaction(SIGUSR1, &action, NULL);
    int listener = listenOnLoopback(SOCK_STREAM, &listening);
    if (listener < 0)
        return 1;
    if (handlerCalls && (other = listenOnLoopback(SOCK_STREAM | SOCK_NONBLOCK, &otherAddress)) < 0)
        return 1;
    int accepted = accept(listener, NULL, NULL);
    if (restart)
        return accepted >= 0 ? 0 : 1;
    return accepted < 0 && errno == EINTR ? 0 : 1;
}

static int stop(void)
{
    int s = socket(AF_INET, SOCK_STREAM, 0);
    raise(SIGSTOP);
    return close(s) == 0 ? 0 : 1;
}

static int streamMessages(void)
{
    int ends[2];
    char room[16];
    struct iovec out[2] = {{"ab", 2}, {"cd", 2}};
    struct iovec in = {room, sizeof(room)};
    struct mmsghdr sent[2], received[2];
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, ends) < 0)
        return 1;
    memset(sent, 0, sizeof(sent));
    memset(received, 0, sizeof(received));
    for (int i = 0; i < 2; ++i) {
        sent[i].msg_hdr.msg_iov = &out[i];
        sent[i].msg_hdr.msg_iovlen = 1;
    }
    received[0].msg_hdr.msg_iov = &in;
    received[0].msg_hdr.msg_iovlen = 1;
    /* A stream keeps no message bounds: the first message read takes all four bytes. */
    if (sendmmsg(ends[0], sent, 2, 0) != 2 || recvmmsg(ends[1], received, 1, 0, NULL) != 1)
        return 1;
    return received[0].msg_len == 4 && memcmp(room, "abcd", 4) == 0 ? 0 : 1;
}

int main(int argc, char *argv[])
{
    if (argc > 2 && strcmp(argv[1], "forks") == 0)
        return forks(atoi(argv[2]));
    if (argc > 1 && strcmp(argv[1], "closestd") == 0)
        return closeStandardDescriptors();
    if (argc > 2 && strcmp(argv[1], "flood") == 0)
        return flood(atoll(argv[2]));
    if (argc > 1 && strcmp(argv[1], "stop") == 0)
        return stop();
    if (argc > 1 && (strcmp(argv[1], "eintr") == 0 || strcmp(argv[1], "restart") == 0 ||
                     strcmp(argv[1], "quiet") == 0))
        return interruptedAccept(argv[1]);
    if (argc > 1 && strcmp(argv[1], "streammmsg") == 0)
        return streamMessages();
    return 2;
}
