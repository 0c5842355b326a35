#pragma once

#include "testsockets.h"

#include <netinet/tcp.h>
#include <poll.h>

namespace SocketScope::TestFullQueue {

// The kernel's TCP state of a socket of this process (TCP_SYN_SENT, TCP_ESTABLISHED, ...).
inline int tcpState(int fd)
{
    tcp_info info{};
    socklen_t length = sizeof(info);
    if (::getsockopt(fd, IPPROTO_TCP, TCP_INFO, &info, &length) != 0)
        return -1;
    return info.tcpi_state;
}

// A listener on 127.0.0.1 whose accept queue is full: backlog 0 holds one caller, never
// accepted, so Linux drops the SYNs of the next ones and their connect() stays in SYN_SENT.
// acceptOne() makes room: a caller's retransmitted SYN then gets through.
struct FullListener {
    int fd = -1;
    int caller = -1;
    quint16 port = 0;

    FullListener()
    {
        fd = TestSockets::boundSocket(AF_INET, SOCK_STREAM, &port, 0);
        caller = TestSockets::connectedTo(port);
        // Full once the caller's handshake is in the queue: the listener is then readable.
        pollfd queued{fd, POLLIN, 0};
        if (::poll(&queued, 1, 10'000) != 1) {
            ::close(caller);
            caller = -1;
        }
    }
    ~FullListener()
    {
        ::close(caller);
        ::close(fd);
    }
    FullListener(const FullListener&) = delete;
    FullListener& operator=(const FullListener&) = delete;

    bool isFull() const { return caller >= 0; }
    void acceptOne()
    {
        const int accepted = ::accept(fd, nullptr, nullptr);
        if (accepted >= 0)
            ::close(accepted);
    }
};

} // namespace SocketScope::TestFullQueue
