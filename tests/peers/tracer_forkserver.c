/* The course's concurrent server (« Serveur à traitement parallèle des clients avec TCP »), for
 * bench_tracedmanyclients: after each accept(), fork() makes a child that closes the listening
 * socket, echoes its client's line, closes and exits; the parent closes the dialogue socket and
 * accepts the next, while a SIGCHLD handler reaps the children that have ended.
 * Usage: tracer_forkserver N PORTFILE. It binds 127.0.0.1 port 0 and writes the port the
 * system chose to PORTFILE (a FIFO the client reads it from), serves N clients, waits for the
 * last children and fails if one of them failed. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t childFailed = 0;

static void noteEnd(int status)
{
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        childFailed = 1;
}

/* Every child that has ended, without waiting for those still serving. */
static void reap(int signal)
{
    int saved = errno;
    int status;
    (void)signal;
    while (waitpid(-1, &status, WNOHANG) > 0)
        noteEnd(status);
    errno = saved;
}

static int echoLine(int client)
{
    char buffer[256];
    ssize_t n = read(client, buffer, sizeof(buffer));
    if (n <= 0 || write(client, buffer, (size_t)n) != n)
        return 1;
    return close(client) == 0 ? 0 : 1;
}

int main(int argc, char* argv[])
{
    if (argc < 3) {
        fprintf(stderr, "usage: %s N PORTFILE\n", argv[0]);
        return 2;
    }
    int clients = atoi(argv[1]);
    struct sockaddr_in address;
    socklen_t length = sizeof(address);
    struct sigaction action;
    memset(&action, 0, sizeof(action));
    action.sa_handler = reap;
    action.sa_flags = SA_RESTART; /* accept() goes on when a child's end interrupts it */
    sigaction(SIGCHLD, &action, NULL);

    int listener = socket(AF_INET, SOCK_STREAM, 0);
    memset(&address, 0, sizeof(address));
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    /* The clients connect all at once: with the course's backlog of 5 most would wait for
     * their SYN to be sent again, a second later. */
    if (bind(listener, (struct sockaddr*)&address, sizeof(address)) < 0 ||
        listen(listener, SOMAXCONN) < 0 ||
        getsockname(listener, (struct sockaddr*)&address, &length) < 0)
        return 1;
    FILE* portFile = fopen(argv[2], "w");
    if (!portFile || fprintf(portFile, "%d\n", ntohs(address.sin_port)) < 0 ||
        fclose(portFile) != 0)
        return 1;

    for (int served = 0; served < clients; ++served) {
        int client = accept(listener, NULL, NULL);
        if (client < 0)
            return 1;
        pid_t child = fork();
        if (child < 0)
            return 1;
        if (child == 0) {
            close(listener);
            exit(echoLine(client));
        }
        close(client);
    }
    close(listener);
    /* The children still serving: waited for here, their ends no longer left to the handler. */
    signal(SIGCHLD, SIG_DFL);
    int status;
    while (wait(&status) > 0)
        noteEnd(status);
    return childFailed ? 1 : 0;
}
