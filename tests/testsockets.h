#pragma once

#include <QString>

#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

namespace SocketScope::TestSockets {

inline quint64 inodeOf(int fd)
{
    struct stat status {};
    fstat(fd, &status);
    return status.st_ino;
}

// A socket bound on loopback to a port the system chooses; listening when it is TCP
// (`type` may carry SOCK_CLOEXEC).
inline int boundSocket(int family, int type, quint16* port, int backlog = 4)
{
    const int fd = ::socket(family, type, 0);
    sockaddr_storage storage{};
    socklen_t length = 0;
    if (family == AF_INET) {
        auto* in = reinterpret_cast<sockaddr_in*>(&storage);
        in->sin_family = AF_INET;
        in->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        length = sizeof(sockaddr_in);
    } else {
        auto* in6 = reinterpret_cast<sockaddr_in6*>(&storage);
        in6->sin6_family = AF_INET6;
        in6->sin6_addr = in6addr_loopback;
        length = sizeof(sockaddr_in6);
    }
    ::bind(fd, reinterpret_cast<sockaddr*>(&storage), length);
    if ((type & SOCK_STREAM) == SOCK_STREAM)
        ::listen(fd, backlog);
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&storage), &length);
    *port = ntohs(family == AF_INET ? reinterpret_cast<sockaddr_in*>(&storage)->sin_port
                                    : reinterpret_cast<sockaddr_in6*>(&storage)->sin6_port);
    return fd;
}

// The same, with its "127.0.0.1:port" or "[::1]:port" as the inspector shows it.
inline int boundSocket(int family, int type, QString* endpoint, int backlog = 4)
{
    quint16 port = 0;
    const int fd = boundSocket(family, type, &port, backlog);
    *endpoint =
        (family == AF_INET ? QStringLiteral("127.0.0.1:%1") : QStringLiteral("[::1]:%1")).arg(port);
    return fd;
}

// A TCP client connected to 127.0.0.1:port.
inline int connectedTo(quint16 port)
{
    const int client = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(port);
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::connect(client, reinterpret_cast<sockaddr*>(&to), sizeof(to));
    return client;
}

inline int connectedTo(const QString& endpoint)
{
    return connectedTo(quint16(endpoint.section(QLatin1Char(':'), -1).toUInt()));
}

} // namespace SocketScope::TestSockets
