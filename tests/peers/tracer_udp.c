/* UDP over loopback for the tracer's tests: letters with sendto/recvfrom and with
 * sendmsg/recvmsg, between two sockets bound to port 0. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

int main(void)
{
    struct sockaddr_in a, b, from;
    socklen_t length = sizeof(a);
    char buffer[64];
    int one = socket(AF_INET, SOCK_DGRAM, 0);
    int two = socket(AF_INET, SOCK_DGRAM, 0);
    memset(&a, 0, sizeof(a));
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    b = a;
    if (bind(one, (struct sockaddr *)&a, sizeof(a)) < 0 || bind(two, (struct sockaddr *)&b, sizeof(b)) < 0)
        return 1;
    getsockname(one, (struct sockaddr *)&a, &length);
    length = sizeof(b);
    getsockname(two, (struct sockaddr *)&b, &length);
    sendto(one, "lettre", 6, 0, (struct sockaddr *)&b, sizeof(b));
    length = sizeof(from);
    recvfrom(two, buffer, sizeof(buffer), 0, (struct sockaddr *)&from, &length);

    struct iovec parts[2] = {{"re", 2}, {"ponse", 5}};
    struct msghdr message;
    memset(&message, 0, sizeof(message));
    message.msg_name = &a;
    message.msg_namelen = sizeof(a);
    message.msg_iov = parts;
    message.msg_iovlen = 2;
    sendmsg(two, &message, 0);
    struct iovec into = {buffer, sizeof(buffer)};
    memset(&message, 0, sizeof(message));
    message.msg_name = &from;
    message.msg_namelen = sizeof(from);
    message.msg_iov = &into;
    message.msg_iovlen = 1;
    ssize_t n = recvmsg(one, &message, 0);
    close(one);
    close(two);
    return n == 7 && memcmp(buffer, "reponse", 7) == 0 ? 0 : 1;
}
