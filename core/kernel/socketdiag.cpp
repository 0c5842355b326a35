#include "kernel/socketdiag.h"

#include "calls/callevent.h"
#include "calls/errnoinfo.h"
#include "kernel/diaganswer.h"
#include "kernel/socketowners.h"
#include "logging.h"

#include <QCoreApplication>

#include <cerrno>
#include <ctime>
#include <future>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <linux/unix_diag.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace SocketScope {

namespace {

class Tr {
    Q_DECLARE_TR_FUNCTIONS(SocketDiag)
};

class Netlink {
public:
    Netlink()
        : m_fd(::socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG))
    {
    }
    ~Netlink()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    bool isOpen() const { return m_fd >= 0; }

    // Sends one dump request and hands every answer to `onMessage`; false and errno on error.
    template <typename Request, typename Handler>
    bool dump(const Request& request, Handler onMessage, int* error, bool* interrupted)
    {
        struct {
            nlmsghdr header;
            Request body;
        } message{};
        message.header.nlmsg_len = sizeof(message);
        message.header.nlmsg_type = SOCK_DIAG_BY_FAMILY;
        message.header.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
        // Answers carry the request's number: what is left of an earlier dump that ended in
        // an error is recognised and skipped.
        const quint32 sequence = ++m_sequence;
        message.header.nlmsg_seq = sequence;
        message.body = request;
        sockaddr_nl kernel{};
        kernel.nl_family = AF_NETLINK;
        if (::sendto(m_fd, &message, sizeof(message), 0, reinterpret_cast<sockaddr*>(&kernel),
                     sizeof(kernel)) < 0) {
            *error = errno;
            return false;
        }
        char buffer[32768];
        for (;;) {
            const ssize_t count = ::recv(m_fd, buffer, sizeof(buffer), 0);
            if (count < 0) {
                if (errno == EINTR)
                    continue;
                *error = errno;
                return false;
            }
            const DiagDatagram datagram = readDiagDatagram(QByteArrayView(buffer, count), sequence);
            *interrupted = *interrupted || datagram.interrupted;
            for (const QByteArrayView body : datagram.messages)
                onMessage(body);
            if (datagram.error != 0) {
                *error = datagram.error;
                return false;
            }
            if (datagram.done)
                return true;
        }
    }

private:
    int m_fd;
    quint32 m_sequence = 0;
};

struct Dump {
    Netlink& netlink;
    QList<SocketRow>& rows;
    bool* interrupted;
};

bool dumpInet(Dump dump, int family, int protocol, bool withTcpInfo, int* error)
{
    inet_diag_req_v2 request{};
    request.sdiag_family = quint8(family);
    request.sdiag_protocol = quint8(protocol);
    request.idiag_states = ~0u;
    if (withTcpInfo && protocol == IPPROTO_TCP)
        request.idiag_ext = 1u << (INET_DIAG_INFO - 1);
    return dump.netlink.dump(
        request,
        [&](QByteArrayView message) {
            if (auto row = inetRowFromMessage(message, family, protocol))
                dump.rows.append(std::move(*row));
        },
        error, dump.interrupted);
}

bool dumpUnix(Dump dump, int* error)
{
    unix_diag_req request{};
    request.sdiag_family = AF_UNIX;
    request.udiag_states = ~0u;
    request.udiag_show = UDIAG_SHOW_NAME | UDIAG_SHOW_PEER | UDIAG_SHOW_RQLEN;
    return dump.netlink.dump(
        request,
        [&](QByteArrayView message) {
            if (auto row = unixRowFromMessage(message))
                dump.rows.append(std::move(*row));
        },
        error, dump.interrupted);
}

QString failure(const QString& what, int value)
{
    const ErrnoInfo info = errnoInfo(value);
    return Tr::tr("%1: netlink sock_diag failed: %2 (%3): %4")
        .arg(what, info.name, info.message, info.explanation);
}

} // namespace

SocketSnapshot takeSocketSnapshot(const SnapshotOptions& options)
{
    SocketSnapshot snapshot;
    snapshot.takenAtNs = monotonicNowNs();
    // Reading /proc costs as much as the dump itself: both run at once.
    std::future<SocketOwnerIndex> scan;
    if (options.owners)
        scan = std::async(std::launch::async, [] { return scanSocketOwners(); });
    const auto attachScannedOwners = [&] {
        if (!scan.valid())
            return;
        const SocketOwnerIndex owners = scan.get();
        attachOwners(snapshot.rows, owners);
        snapshot.unreadableProcesses = owners.unreadableProcesses;
    };
    Netlink netlink;
    if (!netlink.isOpen()) {
        snapshot.problems << failure(Tr::tr("All sockets"), errno);
        qCWarning(lcNetlink) << "no netlink sock_diag socket:" << snapshot.problems;
        attachScannedOwners();
        return snapshot;
    }
    snapshot.rows.reserve(1024);
    Dump dump{netlink, snapshot.rows, &snapshot.interrupted};
    int code = 0;
    for (const int family : {AF_INET, AF_INET6}) {
        for (const int protocol : {IPPROTO_TCP, IPPROTO_UDP}) {
            // A kernel without udp_diag answers ENOENT: the other families still count.
            if (!dumpInet(dump, family, protocol, options.tcpInfo, &code))
                snapshot.problems << failure(
                    QStringLiteral("%1/%2").arg(
                        protocol == IPPROTO_TCP ? QStringLiteral("TCP") : QStringLiteral("UDP"),
                        family == AF_INET ? QStringLiteral("IPv4") : QStringLiteral("IPv6")),
                    code);
        }
    }
    if (!dumpUnix(dump, &code))
        snapshot.problems << failure(QStringLiteral("UNIX"), code);
    attachScannedOwners();
    qCDebug(lcNetlink) << "sock_diag:" << snapshot.rows.size() << "sockets in"
                       << (monotonicNowNs() - snapshot.takenAtNs) / 1000 << "µs"
                       << (snapshot.interrupted ? "(interrupted)" : "") << snapshot.problems;
    return snapshot;
}

} // namespace SocketScope
