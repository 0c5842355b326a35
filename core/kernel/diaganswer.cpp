#include "kernel/diaganswer.h"

#include "kernel/descriptorstate.h"

#include <algorithm>
#include <arpa/inet.h>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/sock_diag.h>
#include <linux/tcp.h>
#include <linux/unix_diag.h>
#include <netinet/in.h>
#include <sys/socket.h>

namespace SocketScope {

namespace {

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
    char* const last = text + sizeof(text);
    char* end = text;
    // Every write is bounded by `last`, which also keeps GCC's -O3 from seeing an overflow.
    const auto put = [&](char c) {
        if (end < last)
            *end++ = c;
    };
    const auto putNumber = [&](unsigned number) {
        end = std::to_chars(end, last, number).ptr;
    };
    if (family == AF_INET6)
        put('[');
    if (family == AF_INET) {
        // inet_ntop formats IPv4 with sprintf, the slowest part of a large dump.
        const auto* bytes = reinterpret_cast<const quint8*>(address);
        for (int i = 0; i < 4; ++i) {
            if (i > 0)
                put('.');
            putNumber(bytes[i]);
        }
    } else {
        if (!inet_ntop(family, address, end, INET6_ADDRSTRLEN))
            return {};
        end += std::strlen(end);
    }
    if (family == AF_INET6)
        put(']');
    put(':');
    if (port == 0)
        put('*');
    else
        putNumber(ntohs(port));
    return QString::fromLatin1(text, end - text);
}

// A structure copied out of received bytes, which need not be aligned for it.
template <typename Structure> std::optional<Structure> structureAt(QByteArrayView bytes)
{
    if (bytes.size() < qsizetype(sizeof(Structure)))
        return std::nullopt;
    Structure value;
    std::memcpy(&value, bytes.data(), sizeof(value));
    return value;
}

// Hands each attribute that follows a message's structure to `handle(type, payload)`.
template <typename Message, typename Handler>
void forEachAttribute(QByteArrayView message, Handler handle)
{
    qsizetype offset = NLMSG_ALIGN(sizeof(Message));
    while (const auto attribute =
               structureAt<rtattr>(message.sliced(std::min(offset, message.size())))) {
        if (attribute->rta_len < sizeof(rtattr) || attribute->rta_len > message.size() - offset)
            return;
        handle(attribute->rta_type,
               message.sliced(offset + RTA_LENGTH(0), attribute->rta_len - RTA_LENGTH(0)));
        offset += RTA_ALIGN(attribute->rta_len);
    }
}

// Older kernels send a shorter tcp_info: the fields they lack stay zero.
TcpInfo tcpInfoFrom(QByteArrayView data)
{
    tcp_info kernel{};
    std::memcpy(&kernel, data.data(), std::min(size_t(data.size()), sizeof(kernel)));
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

// Shared strings: a dump of ten thousand sockets names each row.
QString inetProtocolName(int family, int protocol)
{
    if (protocol == IPPROTO_TCP)
        return family == AF_INET6 ? QStringLiteral("tcp6") : QStringLiteral("tcp");
    return family == AF_INET6 ? QStringLiteral("udp6") : QStringLiteral("udp");
}

QString unixSocketType(quint8 type)
{
    switch (type) {
    case SOCK_DGRAM:
        return QStringLiteral("dgram");
    case SOCK_SEQPACKET:
        return QStringLiteral("seqpacket");
    default:
        return QStringLiteral("stream");
    }
}

// An abstract name starts with a NUL and is shown with '@', as ss does; a path ends at its NUL.
QString unixName(QByteArrayView name)
{
    if (name.isEmpty())
        return QStringLiteral("*");
    if (name.front() == '\0')
        return QLatin1Char('@') + QString::fromLocal8Bit(name.sliced(1));
    return QString::fromLocal8Bit(name.first(qstrnlen(name.data(), name.size())));
}

} // namespace

DiagDatagram readDiagDatagram(QByteArrayView datagram, quint32 sequence)
{
    DiagDatagram result;
    qsizetype offset = 0;
    while (const auto header = structureAt<nlmsghdr>(datagram.sliced(offset))) {
        if (header->nlmsg_len < NLMSG_HDRLEN || header->nlmsg_len > datagram.size() - offset)
            break;
        const QByteArrayView body =
            datagram.sliced(offset + NLMSG_HDRLEN, header->nlmsg_len - NLMSG_HDRLEN);
        offset += std::min(qsizetype(NLMSG_ALIGN(header->nlmsg_len)), datagram.size() - offset);
        if (header->nlmsg_seq != sequence)
            continue;
        if (header->nlmsg_flags & NLM_F_DUMP_INTR)
            result.interrupted = true;
        if (header->nlmsg_type == NLMSG_DONE) {
            result.done = true;
            break;
        }
        if (header->nlmsg_type == NLMSG_ERROR) {
            // The kernel's errnos run from -1 to -4095 (MAX_ERRNO); anything else, INT_MIN
            // included, is a malformed answer rather than a number to negate.
            const auto failure = structureAt<nlmsgerr>(body);
            constexpr int largestErrno = 4095;
            result.error = failure && failure->error < 0 && failure->error >= -largestErrno
                               ? -failure->error
                               : EPROTO;
            break;
        }
        if (header->nlmsg_type == SOCK_DIAG_BY_FAMILY)
            result.messages.append(body);
    }
    return result;
}

std::optional<SocketRow> inetRowFromMessage(QByteArrayView bytes, int family, int protocol)
{
    const auto message = structureAt<inet_diag_msg>(bytes);
    if (!message)
        return std::nullopt;
    SocketRow row;
    row.protocol = inetProtocolName(family, protocol);
    row.state = diagStateName(message->idiag_state);
    row.recvQ = message->idiag_rqueue;
    row.sendQ = message->idiag_wqueue;
    row.local = inetEndpoint(family, message->id.idiag_src, message->id.idiag_sport);
    // As ss writes it: no peer port means no peer ("0.0.0.0:*").
    row.peer = message->id.idiag_dport
                   ? inetEndpoint(family, message->id.idiag_dst, message->id.idiag_dport)
                   : inetEndpoint(family, message->id.idiag_dst, 0).chopped(1) + QLatin1Char('*');
    row.localAddress =
        SocketAddress::fromInet(family, message->id.idiag_src, ntohs(message->id.idiag_sport));
    if (message->id.idiag_dport)
        row.peerAddress =
            SocketAddress::fromInet(family, message->id.idiag_dst, ntohs(message->id.idiag_dport));
    row.uid = message->idiag_uid;
    row.inode = message->idiag_inode;
    row.cookie = quint64(message->id.idiag_cookie[1]) << 32 | message->id.idiag_cookie[0];
    row.timer = timerFrom(message->idiag_timer);
    row.timerExpiresMs = message->idiag_expires;
    row.timerRetransmits = message->idiag_retrans;
    forEachAttribute<inet_diag_msg>(bytes, [&](int type, QByteArrayView data) {
        // A socket in TIME_WAIT or SYN_RECV is a mini socket: no tcp_info for it.
        if (type == INET_DIAG_INFO && !data.isEmpty() && message->idiag_state != TimeWait &&
            message->idiag_state != NewSynReceived)
            row.tcpInfo = tcpInfoFrom(data);
    });
    return row;
}

std::optional<SocketRow> unixRowFromMessage(QByteArrayView bytes)
{
    const auto message = structureAt<unix_diag_msg>(bytes);
    if (!message)
        return std::nullopt;
    SocketRow row;
    row.socketType = unixSocketType(message->udiag_type);
    row.protocol = QStringLiteral("unix");
    row.state = diagStateName(message->udiag_state);
    row.inode = message->udiag_ino;
    row.cookie = quint64(message->udiag_cookie[1]) << 32 | message->udiag_cookie[0];
    row.local = QStringLiteral("*");
    forEachAttribute<unix_diag_msg>(bytes, [&](int type, QByteArrayView data) {
        if (type == UNIX_DIAG_NAME)
            row.local = unixName(data);
        else if (type == UNIX_DIAG_PEER) {
            if (const auto peer = structureAt<quint32>(data))
                row.peer = QStringLiteral("inode %1").arg(*peer);
        } else if (type == UNIX_DIAG_RQLEN) {
            if (const auto queues = structureAt<unix_diag_rqlen>(data)) {
                row.recvQ = queues->udiag_rqueue;
                row.sendQ = queues->udiag_wqueue;
            }
        }
    });
    return row;
}

quint64 unixPeerFromMessage(QByteArrayView bytes)
{
    if (bytes.size() < qsizetype(sizeof(unix_diag_msg)))
        return 0;
    quint64 peer = 0;
    forEachAttribute<unix_diag_msg>(bytes, [&](int type, QByteArrayView data) {
        if (type == UNIX_DIAG_PEER)
            if (const auto inode = structureAt<quint32>(data))
                peer = *inode;
    });
    return peer;
}

} // namespace SocketScope
