#pragma once

#include "calls/socketaddress.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <sys/socket.h>

namespace SocketScope {

// The fully resolved arguments of one call: real descriptor numbers, real addresses.
// Which fields a call reads is documented in docs/scenario-format.md.
struct CallRequest {
    struct PollItem {
        int fd = -1;
        short events = 0;
    };

    QString call;
    int fd = -1;
    int domain = AF_INET;
    int type = SOCK_STREAM;
    int protocol = 0;
    SocketAddress address;         // bind, connect, sendto, getnameinfo
    socklen_t addressCapacity = 0; // what accept/recvfrom/getsockname pass as *addrlen
    int backlog = 5;
    QByteArray payload; // write, send, sendto
    int count = 256;    // read, recv, recvfrom buffer size
    int flags = 0;      // MSG_* ; SOCK_* for accept4 ; AI_* ; NI_*
    int how = SHUT_RDWR;
    int level = SOL_SOCKET;
    int option = 0;
    int optionValue = 0;       // setsockopt: int value, or l_onoff for SO_LINGER
    int lingerSeconds = 0;     // setsockopt SO_LINGER
    QString group;             // setsockopt IP_ADD_MEMBERSHIP, IP_DROP_MEMBERSHIP
    QString interfaceAddress;  // ... and IP_MULTICAST_IF
    QList<PollItem> pollItems; // poll and select (POLLIN = read set, POLLOUT = write set)
    int timeoutMs = -1;        // poll and select; -1 waits forever
    QString host;              // getaddrinfo
    QString service;
    bool descriptorIsNonBlocking = false;
};

} // namespace SocketScope
