#include "kernel/portprobe.h"

#include "calls/byteorder.h"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
#include <utility>

namespace SocketScope {

namespace {

// A socket of `type` bound to 127.0.0.1:port, or -1.
int boundToLoopback(int type, quint16 port)
{
    const int fd = ::socket(AF_INET, type | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0)
        return fd;
    ::close(fd);
    return -1;
}

bool canBind(int type, quint16 port)
{
    const int fd = boundToLoopback(type, port);
    if (fd >= 0)
        ::close(fd);
    return fd >= 0;
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

LoopbackPortHold::LoopbackPortHold(quint16 port)
    : m_fd(port != 0 ? boundToLoopback(SOCK_STREAM, port) : -1)
{
}

LoopbackPortHold::~LoopbackPortHold()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

LoopbackPortHold::LoopbackPortHold(LoopbackPortHold&& other) noexcept
    : m_fd(std::exchange(other.m_fd, -1))
{
}

LoopbackPortHold& LoopbackPortHold::operator=(LoopbackPortHold&& other) noexcept
{
    if (this != &other) {
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = std::exchange(other.m_fd, -1);
    }
    return *this;
}

} // namespace SocketScope
