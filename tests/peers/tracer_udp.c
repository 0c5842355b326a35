/* UDP over loopback for the tracer's tests: letters with sendto/recvfrom, with
 * sendmsg/recvmsg, and three at once with sendmmsg/recvmmsg, between two sockets bound to
 * port 0. */
#define _GNU_SOURCE
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
    if (n != 7 || memcmp(buffer, "reponse", 7) != 0)
        return 1;

    /* Three letters in one call, the first of two parts; a room for four on the other side,
     * which takes those there (MSG_WAITFORONE): all three, sent before. */
    struct iovec words[4] = {{"bon", 3}, {"jour", 4}, {"salut", 5}, {"!", 1}};
    struct mmsghdr letters[3];
    memset(letters, 0, sizeof(letters));
    for (int i = 0; i < 3; ++i) {
        letters[i].msg_hdr.msg_name = &b;
        letters[i].msg_hdr.msg_namelen = sizeof(b);
    }
    letters[0].msg_hdr.msg_iov = words;
    letters[0].msg_hdr.msg_iovlen = 2;
    letters[1].msg_hdr.msg_iov = words + 2;
    letters[1].msg_hdr.msg_iovlen = 1;
    letters[2].msg_hdr.msg_iov = words + 3;
    letters[2].msg_hdr.msg_iovlen = 1;
    if (sendmmsg(one, letters, 3, 0) != 3)
        return 1;
    char rooms[4][16];
    struct iovec intos[4];
    struct sockaddr_in senders[4];
    struct mmsghdr received[4];
    memset(received, 0, sizeof(received));
    for (int i = 0; i < 4; ++i) {
        intos[i].iov_base = rooms[i];
        intos[i].iov_len = sizeof(rooms[i]);
        received[i].msg_hdr.msg_iov = &intos[i];
        received[i].msg_hdr.msg_iovlen = 1;
        received[i].msg_hdr.msg_name = &senders[i];
        received[i].msg_hdr.msg_namelen = sizeof(senders[i]);
    }
    if (recvmmsg(two, received, 4, MSG_WAITFORONE, NULL) != 3 || received[0].msg_len != 7 ||
        memcmp(rooms[0], "bonjour", 7) != 0)
        return 1;
    close(one);
    close(two);
    return 0;
}
