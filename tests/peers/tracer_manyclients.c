/* N clients of one echo server at once, for bench_tracedmanyclients: opens N connections to
 * the loopback port read from PORTFILE (a FIFO the server writes once it listens), writes one
 * line on each, then reads each line's echo back and closes its connection. Fails if a
 * connection fails or an echo differs from its line.
 * Usage: tracer_manyclients N PORTFILE */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int lineOf(int client, char* line, size_t size)
{
    return snprintf(line, size, "client %d\n", client);
}

int main(int argc, char* argv[])
{
    if (argc < 3) {
        fprintf(stderr, "usage: %s N PORTFILE\n", argv[0]);
        return 2;
    }
    int clients = atoi(argv[1]);
    int port = 0;
    FILE* portFile = fopen(argv[2], "r");
    if (!portFile || fscanf(portFile, "%d", &port) != 1)
        return 1;
    fclose(portFile);
    struct sockaddr_in server;
    memset(&server, 0, sizeof(server));
    server.sin_family = AF_INET;
    server.sin_port = htons(port);
    server.sin_addr.s_addr = htonl(INADDR_LOOPBACK);

    int* sockets = calloc((size_t)clients, sizeof(int));
    if (!sockets)
        return 1;
    char line[64];
    char echo[64];
    for (int i = 0; i < clients; ++i) {
        int length = lineOf(i, line, sizeof(line));
        sockets[i] = socket(AF_INET, SOCK_STREAM, 0);
        if (sockets[i] < 0 || connect(sockets[i], (struct sockaddr*)&server, sizeof(server)) < 0 ||
            write(sockets[i], line, (size_t)length) != length)
            return 1;
    }
    for (int i = 0; i < clients; ++i) {
        int length = lineOf(i, line, sizeof(line));
        if (read(sockets[i], echo, sizeof(echo)) != length || memcmp(echo, line, length) != 0 ||
            close(sockets[i]) != 0)
            return 1;
    }
    free(sockets);
    return 0;
}
