/* A one-client TCP server for the tracer's tests: binds 127.0.0.1 port 0, prints the port the
 * system chose, answers one message and closes. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int main(void)
{
    struct sockaddr_in address;
    socklen_t length = sizeof(address);
    char buffer[256];
    int listener = socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    memset(&address, 0, sizeof(address));
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(listener, (struct sockaddr *)&address, sizeof(address)) < 0 || listen(listener, 5) < 0)
        return 1;
    getsockname(listener, (struct sockaddr *)&address, &length);
    printf("%d\n", ntohs(address.sin_port));
    fflush(stdout);
    int client = accept(listener, (struct sockaddr *)&address, &length);
    if (client < 0)
        return 1;
    ssize_t n = read(client, buffer, sizeof(buffer));
    if (n > 0)
        send(client, buffer, (size_t)n, 0);
    close(client);
    close(listener);
    return 0;
}
