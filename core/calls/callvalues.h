#pragma once

#include "calls/socketaddress.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <sys/socket.h>

namespace SocketScope {

// The value of a socket option, typed as the option takes it (see optionValueKind()).
struct OptionValue {
    enum class Kind : quint8 {
        None,             // not given (a getsockopt that failed before reading)
        Integer,          // int: SO_REUSEADDR, SO_RCVBUF, TCP_NODELAY, IPV6_V6ONLY...
        Linger,           // struct linger
        MulticastRequest, // struct ip_mreq: IP_ADD_MEMBERSHIP, IP_DROP_MEMBERSHIP
        InterfaceAddress, // struct in_addr: IP_MULTICAST_IF
        Timeval,          // struct timeval: SO_RCVTIMEO, SO_SNDTIMEO
        Bytes,            // anything else, as the bytes the kernel gave
    };
    Kind kind = Kind::None;
    int integer = 0;         // Integer; l_onoff for Linger
    int lingerSeconds = 0;   // Linger: l_linger
    QString group;           // MulticastRequest: imr_multiaddr, numeric IPv4
    QString interface;       // MulticastRequest: imr_interface; InterfaceAddress
    qint64 microseconds = 0; // Timeval
    QByteArray bytes;        // Bytes
    bool operator==(const OptionValue&) const = default;
};

// One entry of a poll() set, or one descriptor of select()'s sets (POLLIN for the read
// set, POLLOUT for the write set, POLLPRI for the exceptional one).
struct PollEntry {
    int fd = -1;
    short events = 0;
    short revents = 0; // filled when the call returns
    bool operator==(const PollEntry&) const = default;
};

// One buffer of an iovec: its length as given, and the bytes shown (sent, or received).
struct IoBuffer {
    qint64 length = 0;
    QByteArray bytes;
    bool operator==(const IoBuffer&) const = default;
};

// One message of sendmmsg or recvmmsg (struct mmsghdr): its header, as sendmsg and recvmsg
// take it, and msg_len, how many bytes the kernel sent or received of it.
struct MultiMessage {
    SocketAddress address;       // sendmmsg: msg_name; recvmmsg: the sender, once received
    socklen_t addressLength = 0; // recvmmsg: msg_namelen as the kernel set it
    QList<IoBuffer> vector;      // msg_iov: each buffer's size and the bytes it carried
    qint64 length = 0;           // msg_len
    bool operator==(const MultiMessage&) const = default;
};

// struct epoll_event.
struct EpollEvent {
    quint32 events = 0;
    quint64 data = 0;
    bool operator==(const EpollEvent&) const = default;
};

// What the program gave a call, as typed values. Which fields a call reads is said in
// docs/trace-format.md ("arguments"); the others keep their defaults.
struct CallArguments {
    int fd = -1;    // the descriptor it acts on
    int domain = 0; // socket, socketpair; getaddrinfo's ai_family
    int type = 0;   // ... with SOCK_NONBLOCK / SOCK_CLOEXEC; ai_socktype
    int protocol = 0;
    SocketAddress address;         // bind, connect, sendto, sendmsg, getnameinfo
    socklen_t addressCapacity = 0; // what accept, recvfrom, getsockname pass as *addrlen
    int backlog = 0;
    QByteArray payload;           // write, send, sendto: the bytes to send
    QList<IoBuffer> vector;       // readv, writev, sendmsg, recvmsg
    QList<MultiMessage> messages; // sendmmsg: those given; recvmmsg: those received
    qint64 count = 0; // read, recv, recvfrom: the buffer's size; *mmsg: vlen; epoll_wait
    int flags = 0;    // MSG_*; SOCK_* for accept4; AI_*; NI_*; O_CLOEXEC for dup3...
    int how = 0;      // shutdown
    int level = 0;    // getsockopt, setsockopt
    int option = 0;
    OptionValue value;          // setsockopt
    QList<PollEntry> pollItems; // poll, ppoll, select, pselect6
    int timeoutMs = -1;         // ... and epoll_wait; -1 waits forever
    QString host;               // getaddrinfo
    QString service;
    int command = 0;            // fcntl: F_GETFL, F_SETFL...; ioctl: FIONREAD...
    qint64 commandArgument = 0; // fcntl F_SETFL: the flags
    int targetFd = -1;          // dup2, dup3: the new number; epoll_ctl: the watched fd
    int operation = 0;          // epoll_ctl: EPOLL_CTL_ADD...
    EpollEvent epollEvent;      // epoll_ctl
    int status = 0;             // exit_group
    QString program;            // execve
    QStringList argv;
    // Where strace shows a pointer instead of contents: the data buffer's address and the
    // address buffer's (accept, recvfrom, getsockname), as the program passed them;
    // epoll_ctl's event pointer (NULL for EPOLL_CTL_DEL); clone's child_tidptr.
    quint64 buffer = 0;
    quint64 addressBuffer = 0;
    // ppoll, epoll_pwait: where the signal mask to wait with is (0: NULL), shown as a pointer.
    quint64 signalMask = 0;
    bool operator==(const CallArguments&) const = default;
};

// What the kernel (or the C library) handed back besides the return value.
struct CallResults {
    QByteArray data;               // read, recv, recvfrom: the bytes received
    SocketAddress returnedAddress; // accept, recvfrom, getsockname, getpeername, recvmsg
    socklen_t returnedLength = 0;  // *addrlen as the kernel set it
    QList<PollEntry> ready;        // poll, select: the descriptors ready, with revents
    QList<SocketAddress> resolved; // getaddrinfo
    QString resolvedHost;          // getnameinfo
    QString resolvedService;
    OptionValue value;            // getsockopt
    socklen_t valueLength = 0;    // ... and *optlen
    QList<int> fds;               // socketpair: the two new descriptors
    QList<EpollEvent> epollReady; // epoll_wait
    qint64 commandResult = 0;     // ioctl FIONREAD: the bytes waiting
    bool operator==(const CallResults&) const = default;
};

} // namespace SocketScope
