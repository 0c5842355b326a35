#include "kernel/socketdiag.h"

#include "calls/errnoinfo.h"
#include "kernel/descriptorstate.h"
#include "kernel/socketowners.h"
#include "logging.h"

#include <QCoreApplication>

#include <algorithm>
#include <arpa/inet.h>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <ctime>
#include <future>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/sock_diag.h>
#include <linux/tcp.h>
#include <linux/unix_diag.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace SocketScope {

namespace {

class Tr {
    Q_DECLARE_TR_FUNCTIONS(SocketDiag)
};

// The kernel's state numbers (include/net/tcp_states.h), not all exported to user space.
enum KernelTcpState { SynReceived = 3, TimeWait = 6, Close = 7, NewSynReceived = 12 };

// ss's names: a socket in state CLOSE is "UNCONN" (an unconnected UDP socket) and a
// request socket is shown as the SYN_RECV it stands for.
QString diagStateName(int state)
{
    if (state == Close)
        return QStringLiteral("UNCONN");
    return tcpStateName(state == NewSynReceived ? SynReceived : state);
}

// "127.0.0.1:5000", "[::1]:5000", or with no port "0.0.0.0:*" as ss writes it; formatted in
// one buffer because a dump of ten thousand sockets makes twenty thousand of these.
QString inetEndpoint(int family, const __be32* address, __be16 port)
{
    char text[INET6_ADDRSTRLEN + 16];
    char* end = text;
    if (family == AF_INET6)
        *end++ = '[';
    if (family == AF_INET) {
        // inet_ntop formats IPv4 with sprintf, the slowest part of a large dump.
        const auto* bytes = reinterpret_cast<const quint8*>(address);
        for (int i = 0; i < 4; ++i) {
            if (i)
                *end++ = '.';
            end = std::to_chars(end, text + sizeof(text), bytes[i]).ptr;
        }
    } else {
        if (!inet_ntop(family, address, end, INET6_ADDRSTRLEN))
            return {};
        end += std::strlen(end);
    }
    if (family == AF_INET6)
        *end++ = ']';
    *end++ = ':';
    if (port == 0)
        *end++ = '*';
    else
        end = std::to_chars(end, text + sizeof(text), ntohs(port)).ptr;
    return QString::fromLatin1(text, end - text);
}

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
        alignas(nlmsghdr) char buffer[32768];
        for (;;) {
            const ssize_t count = ::recv(m_fd, buffer, sizeof(buffer), 0);
            if (count < 0) {
                if (errno == EINTR)
                    continue;
                *error = errno;
                return false;
            }
            int remaining = int(count);
            for (auto* header = reinterpret_cast<nlmsghdr*>(buffer); NLMSG_OK(header, remaining);
                 header = NLMSG_NEXT(header, remaining)) {
                if (header->nlmsg_seq != sequence)
                    continue;
                if (header->nlmsg_flags & NLM_F_DUMP_INTR)
                    *interrupted = true;
                if (header->nlmsg_type == NLMSG_DONE)
                    return true;
                if (header->nlmsg_type == NLMSG_ERROR) {
                    const auto* failure = static_cast<const nlmsgerr*>(NLMSG_DATA(header));
                    *error = header->nlmsg_len >= NLMSG_LENGTH(sizeof(nlmsgerr)) ? -failure->error
                                                                                 : EPROTO;
                    return false;
                }
                onMessage(header);
            }
        }
    }

private:
    int m_fd;
    quint32 m_sequence = 0;
};

// Reads the attributes that follow a sock_diag message of type Message.
template <typename Message, typename Handler>
void forEachAttribute(const nlmsghdr* header, const Message* message, Handler handle)
{
    int length = int(header->nlmsg_len - NLMSG_LENGTH(sizeof(*message)));
    for (auto* attribute = reinterpret_cast<const rtattr*>(message + 1); RTA_OK(attribute, length);
         attribute = RTA_NEXT(attribute, length))
        handle(attribute->rta_type, static_cast<const char*>(RTA_DATA(attribute)),
               int(RTA_PAYLOAD(attribute)));
}

// Older kernels send a shorter tcp_info: the fields they lack stay zero.
TcpInfo tcpInfoFrom(const char* data, int size)
{
    tcp_info kernel{};
    std::memcpy(&kernel, data, std::min(size_t(size), sizeof(kernel)));
    TcpInfo info;
    info.rttUs = kernel.tcpi_rtt;
    info.rttVarUs = kernel.tcpi_rttvar;
    info.rtoUs = kernel.tcpi_rto;
    info.congestionWindow = kernel.tcpi_snd_cwnd;
    info.slowStartThreshold = kernel.tcpi_snd_ssthresh;
    info.sendMss = kernel.tcpi_snd_mss;
    info.receiveMss = kernel.tcpi_rcv_mss;
    info.windowScaling = kernel.tcpi_options & TCPI_OPT_WSCALE;
    info.sendWindowScale = kernel.tcpi_snd_wscale;
    info.receiveWindowScale = kernel.tcpi_rcv_wscale;
    info.retransmits = kernel.tcpi_retransmits;
    info.totalRetransmits = kernel.tcpi_total_retrans;
    info.unacked = kernel.tcpi_unacked;
    info.bytesAcked = kernel.tcpi_bytes_acked;
    info.bytesReceived = kernel.tcpi_bytes_received;
    info.segmentsOut = kernel.tcpi_segs_out;
    info.segmentsIn = kernel.tcpi_segs_in;
    info.lastDataSentMs = kernel.tcpi_last_data_sent;
    info.lastDataReceivedMs = kernel.tcpi_last_data_recv;
    return info;
}

SocketTimer timerFrom(quint8 kernelTimer)
{
    switch (kernelTimer) {
    case 1:
        return SocketTimer::Retransmit;
    case 2:
        return SocketTimer::Keepalive;
    case 3:
        return SocketTimer::TimeWait;
    case 4:
        return SocketTimer::ZeroWindowProbe;
    default:
        return SocketTimer::None;
    }
}

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
    const QString name = QString::fromLatin1(protocol == IPPROTO_TCP ? "tcp" : "udp") +
                         (family == AF_INET6 ? QStringLiteral("6") : QString());
    return dump.netlink.dump(
        request,
        [&](const nlmsghdr* header) {
            const auto* message = static_cast<const inet_diag_msg*>(NLMSG_DATA(header));
            if (header->nlmsg_len < NLMSG_LENGTH(sizeof(*message)))
                return;
            SocketRow row;
            row.protocol = name;
            row.state = diagStateName(message->idiag_state);
            row.recvQ = message->idiag_rqueue;
            row.sendQ = message->idiag_wqueue;
            row.local = inetEndpoint(family, message->id.idiag_src, message->id.idiag_sport);
            // As ss writes it: no peer port means no peer ("0.0.0.0:*").
            row.peer =
                message->id.idiag_dport
                    ? inetEndpoint(family, message->id.idiag_dst, message->id.idiag_dport)
                    : inetEndpoint(family, message->id.idiag_dst, 0).chopped(1) + QLatin1Char('*');
            row.localAddress = SocketAddress::fromInet(family, message->id.idiag_src,
                                                       ntohs(message->id.idiag_sport));
            if (message->id.idiag_dport)
                row.peerAddress = SocketAddress::fromInet(family, message->id.idiag_dst,
                                                          ntohs(message->id.idiag_dport));
            row.uid = message->idiag_uid;
            row.inode = message->idiag_inode;
            row.cookie = quint64(message->id.idiag_cookie[1]) << 32 | message->id.idiag_cookie[0];
            row.timer = timerFrom(message->idiag_timer);
            row.timerExpiresMs = message->idiag_expires;
            row.timerRetransmits = message->idiag_retrans;
            forEachAttribute(header, message, [&](int type, const char* data, int size) {
                // A socket in TIME_WAIT or SYN_RECV is a mini socket: no tcp_info for it.
                if (type == INET_DIAG_INFO && size > 0 && message->idiag_state != TimeWait &&
                    message->idiag_state != NewSynReceived)
                    row.tcpInfo = tcpInfoFrom(data, size);
            });
            dump.rows.append(std::move(row));
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
        [&](const nlmsghdr* header) {
            const auto* message = static_cast<const unix_diag_msg*>(NLMSG_DATA(header));
            if (header->nlmsg_len < NLMSG_LENGTH(sizeof(*message)))
                return;
            SocketRow row;
            row.socketType = message->udiag_type == SOCK_DGRAM       ? QStringLiteral("dgram")
                             : message->udiag_type == SOCK_SEQPACKET ? QStringLiteral("seqpacket")
                                                                     : QStringLiteral("stream");
            row.protocol = QStringLiteral("unix");
            row.state = diagStateName(message->udiag_state);
            row.inode = message->udiag_ino;
            row.cookie = quint64(message->udiag_cookie[1]) << 32 | message->udiag_cookie[0];
            row.local = QStringLiteral("*");
            forEachAttribute(header, message, [&](int type, const char* data, int size) {
                if (type == UNIX_DIAG_NAME && size > 0)
                    row.local =
                        data[0] == '\0'
                            ? QStringLiteral("@") + QString::fromLocal8Bit(data + 1, size - 1)
                            : QString::fromLocal8Bit(data, qstrnlen(data, size));
                else if (type == UNIX_DIAG_PEER && size >= 4)
                    row.peer =
                        QStringLiteral("inode %1").arg(*reinterpret_cast<const quint32*>(data));
                else if (type == UNIX_DIAG_RQLEN && size >= 8) {
                    const auto* queues = reinterpret_cast<const unix_diag_rqlen*>(data);
                    row.recvQ = queues->udiag_rqueue;
                    row.sendQ = queues->udiag_wqueue;
                }
            });
            dump.rows.append(std::move(row));
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
