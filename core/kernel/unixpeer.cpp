#include "kernel/unixpeer.h"

#include "kernel/diaganswer.h"

#include <cerrno>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <linux/unix_diag.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

namespace SocketScope {

quint64 socketInode(int fd)
{
    struct stat status {};
    if (::fstat(fd, &status) != 0 || !S_ISSOCK(status.st_mode))
        return 0;
    return status.st_ino;
}

quint64 unixPeerInode(quint64 inode)
{
    if (inode == 0 || inode > 0xffffffffu) // unix_diag_req names sockets by 32 bits
        return 0;
    const int fd = ::socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
    if (fd < 0)
        return 0;
    static constexpr quint32 sequence = 1;
    struct {
        nlmsghdr header;
        unix_diag_req body;
    } request{};
    request.header.nlmsg_len = sizeof(request);
    request.header.nlmsg_type = SOCK_DIAG_BY_FAMILY;
    request.header.nlmsg_flags = NLM_F_REQUEST;
    request.header.nlmsg_seq = sequence;
    request.body.sdiag_family = AF_UNIX;
    request.body.udiag_ino = quint32(inode);
    request.body.udiag_show = UDIAG_SHOW_PEER;
    // No cookie: the socket is named by its inode alone.
    request.body.udiag_cookie[0] = request.body.udiag_cookie[1] = ~0u;
    sockaddr_nl kernel{};
    kernel.nl_family = AF_NETLINK;
    quint64 peer = 0;
    if (::sendto(fd, &request, sizeof(request), 0, reinterpret_cast<sockaddr*>(&kernel),
                 sizeof(kernel)) == ssize_t(sizeof(request))) {
        char buffer[1024];
        ssize_t count;
        do
            count = ::recv(fd, buffer, sizeof(buffer), 0);
        while (count < 0 && errno == EINTR);
        if (count > 0) {
            const DiagDatagram answer = readDiagDatagram(QByteArrayView(buffer, count), sequence);
            if (!answer.messages.isEmpty())
                peer = unixPeerFromMessage(answer.messages.front());
        }
    }
    ::close(fd);
    return peer;
}

} // namespace SocketScope
