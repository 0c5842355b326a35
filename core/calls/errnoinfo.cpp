#include "calls/errnoinfo.h"

#include <QCoreApplication>

#include <cerrno>
#include <cstring>
#include <netdb.h>
#include <sys/socket.h>

namespace SocketScope {

namespace {

struct KnownErrno {
    int value;
    const char* name;
    const char* explanation;
};

// The errors a socket program meets, each explained the way the course would.
constexpr KnownErrno knownErrnos[] = {
    {EACCES, "EACCES",
     QT_TRANSLATE_NOOP("Errno", "Permission denied: ports below 1024 are reserved to root "
                                "(or to a program with CAP_NET_BIND_SERVICE).")},
    {EADDRINUSE, "EADDRINUSE",
     QT_TRANSLATE_NOOP("Errno", "Another socket already has this address and port: a port "
                                "identifies one application on the machine.")},
    {EADDRNOTAVAIL, "EADDRNOTAVAIL",
     QT_TRANSLATE_NOOP("Errno", "This address does not belong to any interface of this "
                                "machine, so a socket cannot be bound to it.")},
    {EAFNOSUPPORT, "EAFNOSUPPORT",
     QT_TRANSLATE_NOOP("Errno", "The address family of the sockaddr does not match the "
                                "socket's family (AF_INET versus AF_INET6).")},
    {EAGAIN, "EAGAIN",
     QT_TRANSLATE_NOOP("Errno", "Nothing is ready yet and the call was asked not to wait "
                                "(non-blocking socket or MSG_DONTWAIT).")},
    {EALREADY, "EALREADY",
     QT_TRANSLATE_NOOP("Errno", "A connection attempt is already in progress on this socket.")},
    {EBADF, "EBADF",
     QT_TRANSLATE_NOOP("Errno", "This descriptor is not open: it was never created or was "
                                "already closed.")},
    {ECANCELED, "ECANCELED",
     QT_TRANSLATE_NOOP("Errno", "The wait was cancelled by SocketScope before the call "
                                "completed (reset, stop or window closed).")},
    {ECONNABORTED, "ECONNABORTED",
     QT_TRANSLATE_NOOP("Errno", "The connection was aborted before accept() could pick it up.")},
    {ECONNREFUSED, "ECONNREFUSED",
     QT_TRANSLATE_NOOP("Errno", "Nobody is listening on that address and port: the peer's "
                                "system answered with a reset (RST), the line is dead.")},
    {ECONNRESET, "ECONNRESET",
     QT_TRANSLATE_NOOP("Errno", "The peer reset the connection (RST) instead of closing it "
                                "normally.")},
    {EDESTADDRREQ, "EDESTADDRREQ",
     QT_TRANSLATE_NOOP("Errno", "This socket is not connected, so the call needs a "
                                "destination address (use sendto).")},
    {EFAULT, "EFAULT",
     QT_TRANSLATE_NOOP("Errno", "A pointer given to the call points outside the program's "
                                "memory.")},
    {EHOSTUNREACH, "EHOSTUNREACH", QT_TRANSLATE_NOOP("Errno", "No route leads to that host.")},
    {EINPROGRESS, "EINPROGRESS",
     QT_TRANSLATE_NOOP("Errno", "The non-blocking connect() has started; the handshake "
                                "finishes later.")},
    {EINTR, "EINTR",
     QT_TRANSLATE_NOOP("Errno", "A signal interrupted the call before it could finish.")},
    {EINVAL, "EINVAL",
     QT_TRANSLATE_NOOP("Errno", "An argument is not valid for this socket in its current "
                                "state (for example listen() before bind, or bind twice).")},
    {EISCONN, "EISCONN", QT_TRANSLATE_NOOP("Errno", "This socket is already connected.")},
    {EMFILE, "EMFILE",
     QT_TRANSLATE_NOOP("Errno", "The process has opened as many descriptors as it may.")},
    {EMSGSIZE, "EMSGSIZE",
     QT_TRANSLATE_NOOP("Errno", "The datagram is larger than the protocol allows.")},
    {ENETUNREACH, "ENETUNREACH",
     QT_TRANSLATE_NOOP("Errno", "No network route leads to that address.")},
    {ENFILE, "ENFILE", QT_TRANSLATE_NOOP("Errno", "The whole system has run out of open files.")},
    {ENOBUFS, "ENOBUFS",
     QT_TRANSLATE_NOOP("Errno", "The kernel has no buffer space left for this socket.")},
    {ENOENT, "ENOENT", QT_TRANSLATE_NOOP("Errno", "No socket file exists at that AF_UNIX path.")},
    {ENOPROTOOPT, "ENOPROTOOPT",
     QT_TRANSLATE_NOOP("Errno", "This option does not exist at that level for this socket.")},
    {ENOTCONN, "ENOTCONN",
     QT_TRANSLATE_NOOP("Errno", "The socket is not connected: there is nobody on the line.")},
    {ENOTSOCK, "ENOTSOCK", QT_TRANSLATE_NOOP("Errno", "This descriptor is a file, not a socket.")},
    {EOPNOTSUPP, "EOPNOTSUPP",
     QT_TRANSLATE_NOOP("Errno", "This socket type does not support that operation (for "
                                "example listen() on a UDP socket).")},
    {EPERM, "EPERM", QT_TRANSLATE_NOOP("Errno", "The operation is not permitted.")},
    {EPIPE, "EPIPE",
     QT_TRANSLATE_NOOP("Errno", "Writing on a connection the peer has closed: the pipe is "
                                "broken (and SIGPIPE is sent unless MSG_NOSIGNAL is set).")},
    {EPROTONOSUPPORT, "EPROTONOSUPPORT",
     QT_TRANSLATE_NOOP("Errno", "This protocol is not supported for that family and type.")},
    {EPROTOTYPE, "EPROTOTYPE",
     QT_TRANSLATE_NOOP("Errno", "The protocol does not match the socket type.")},
    {ESOCKTNOSUPPORT, "ESOCKTNOSUPPORT",
     QT_TRANSLATE_NOOP("Errno", "This socket type is not supported in that family.")},
    {ETIMEDOUT, "ETIMEDOUT", QT_TRANSLATE_NOOP("Errno", "The peer never answered in time.")},
};

const KnownErrno* findKnown(int value)
{
    for (const auto& known : knownErrnos) {
        if (known.value == value)
            return &known;
    }
    return nullptr;
}

constexpr KnownErrno addrInfoErrors[] = {
    {EAI_NONAME, "EAI_NONAME",
     QT_TRANSLATE_NOOP("Errno", "This name or service is not in /etc/hosts, /etc/services or "
                                "the DNS.")},
    {EAI_SERVICE, "EAI_SERVICE",
     QT_TRANSLATE_NOOP("Errno", "This service is not known for the requested socket type.")},
    {EAI_AGAIN, "EAI_AGAIN",
     QT_TRANSLATE_NOOP("Errno", "The name server did not answer; try again later.")},
    {EAI_FAIL, "EAI_FAIL", QT_TRANSLATE_NOOP("Errno", "The name server failed for good.")},
    {EAI_FAMILY, "EAI_FAMILY", QT_TRANSLATE_NOOP("Errno", "This address family is not supported.")},
    {EAI_SOCKTYPE, "EAI_SOCKTYPE",
     QT_TRANSLATE_NOOP("Errno", "This socket type is not supported.")},
    {EAI_BADFLAGS, "EAI_BADFLAGS",
     QT_TRANSLATE_NOOP("Errno", "The hints have flags that do not go together.")},
    {EAI_MEMORY, "EAI_MEMORY", QT_TRANSLATE_NOOP("Errno", "Out of memory.")},
    {EAI_SYSTEM, "EAI_SYSTEM",
     QT_TRANSLATE_NOOP("Errno", "A system error happened; errno says which.")},
    {EAI_OVERFLOW, "EAI_OVERFLOW",
     QT_TRANSLATE_NOOP("Errno", "The buffer for the name was too small.")},
};

// The kernel's own codes for a call a signal interrupted (include/linux/errno.h): a tracer
// sees them when the call stops, the program never does. Named and told as strace tells them.
struct RestartCode {
    int value;
    const char* name;
    const char* message;
};
constexpr RestartCode restartCodes[] = {
    {512, "ERESTARTSYS", "To be restarted if SA_RESTART is set"},
    {513, "ERESTARTNOINTR", "To be restarted"},
    {514, "ERESTARTNOHAND", "To be restarted if no handler"},
    {516, "ERESTART_RESTARTBLOCK", "Interrupted by signal"},
};

const RestartCode* findRestartCode(int value)
{
    for (const auto& code : restartCodes) {
        if (code.value == value)
            return &code;
    }
    return nullptr;
}

} // namespace

QString errnoExplanationFor(int value, Call call, int family, int socketType)
{
    const bool sends = Calls::has(call, CallTrait::SendsData) || call == Call::Connect;
    if (value == ECONNREFUSED && family == AF_UNIX)
        return QCoreApplication::translate("Errno", "No socket listens behind that path: the "
                                                    "file may be there, but nobody answers.");
    if (value == ECONNREFUSED && socketType == SOCK_DGRAM)
        return QCoreApplication::translate(
            "Errno", "No program receives on that port: the peer's system answered an earlier "
                     "datagram with an ICMP \"port unreachable\" message, reported on this "
                     "connected UDP socket.");
    if (value == EACCES && sends && socketType == SOCK_DGRAM && family != AF_UNIX)
        return QCoreApplication::translate("Errno", "Sending to a broadcast address needs the "
                                                    "SO_BROADCAST option on the socket.");
    if (call == Call::Fork)
        return QCoreApplication::translate("Errno", "SocketScope could not start its child-process "
                                                    "program (socketscope-child), which makes "
                                                    "the child's calls.");
    if (value == EACCES && family == AF_UNIX)
        return QCoreApplication::translate("Errno", "No permission on that path: its folder or "
                                                    "file does not let this user in.");
    return errnoInfo(value).explanation;
}

ErrnoInfo addrInfoErrorInfo(int code)
{
    ErrnoInfo info;
    info.value = code;
    info.message = QString::fromLocal8Bit(gai_strerror(code));
    for (const auto& known : addrInfoErrors) {
        if (known.value == code) {
            info.name = QString::fromLatin1(known.name);
            info.explanation = QCoreApplication::translate("Errno", known.explanation);
            return info;
        }
    }
    info.name = QString::number(code);
    info.explanation =
        QCoreApplication::translate("Errno", "The name lookup failed; see getaddrinfo(3).");
    return info;
}

ErrnoInfo errnoInfo(int value)
{
    ErrnoInfo info;
    info.value = value;
    if (const auto* restart = findRestartCode(value)) {
        info.name = QString::fromLatin1(restart->name);
        info.message = QString::fromLatin1(restart->message);
        info.explanation = QCoreApplication::translate(
            "Errno", "A signal stopped the call on its way; the program never sees this code: "
                     "the kernel makes the call again, or the program gets EINTR if its signal "
                     "handler asked for that.");
        return info;
    }
    info.message = QString::fromLocal8Bit(strerror(value));
    if (const auto* known = findKnown(value)) {
        info.name = QString::fromLatin1(known->name);
        info.explanation = QCoreApplication::translate("Errno", known->explanation);
        return info;
    }
    const char* name = strerrorname_np(value);
    info.name = name ? QString::fromLatin1(name) : QString::number(value);
    info.explanation =
        QCoreApplication::translate("Errno", "The system call failed; see its manual page.");
    return info;
}

int addrInfoErrorFromName(const QString& name)
{
    for (const auto& known : addrInfoErrors) {
        if (name == QLatin1String(known.name))
            return known.value;
    }
    return 0;
}

bool isRestartCode(int value)
{
    return findRestartCode(value) != nullptr;
}

int errnoFromName(const QString& name)
{
    for (const auto& known : knownErrnos) {
        if (name == QLatin1String(known.name))
            return known.value;
    }
    for (const auto& code : restartCodes) {
        if (name == QLatin1String(code.name))
            return code.value;
    }
    for (int value = 1; value < 200; ++value) {
        const char* candidate = strerrorname_np(value);
        if (candidate && name == QLatin1String(candidate))
            return value;
    }
    return 0;
}

} // namespace SocketScope
