#include "kernel/portprobe.h"

#include "calls/byteorder.h"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace SocketScope {

namespace {

bool canBind(int type, quint16 port)
{
    const int fd = ::socket(AF_INET, type | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return false;
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const bool bound = ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0;
    ::close(fd);
    return bound;
}

} // namespace

bool loopbackPortIsFree(quint16 port)
{
    return port != 0 && canBind(SOCK_STREAM, port) && canBind(SOCK_DGRAM, port);
}

quint16 freePortWithFreeSwappedTwin(quint16 start)
{
    const auto pairIsFree = [](quint16 port) {
        const quint16 swapped = ByteOrder::portWithoutHtons(port);
        return port >= 1024 && swapped >= 1024 && swapped != port && loopbackPortIsFree(port) &&
               loopbackPortIsFree(swapped);
    };
    quint32 candidate = start;
    do {
        if (pairIsFree(quint16(candidate)))
            return quint16(candidate);
        candidate = (candidate + 1) % 65536;
    } while (candidate != start);
    return 0;
}

} // namespace SocketScope
