#include "socketdiag.h"

#include "errnoinfo.h"
#include "socketaddress.h"

#include <QCoreApplication>

#include <cerrno>
#include <cstring>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
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

QString tcpStateName(int state)
{
    static const char* const names[] = {
        "",       "ESTABLISHED", "SYN_SENT", "SYN_RECV", "FIN_WAIT1", "FIN_WAIT2",   "TIME_WAIT",
        "UNCONN", "CLOSE_WAIT",  "LAST_ACK", "LISTEN",   "CLOSING",   "NEW_SYN_RECV"};
    if (state > 0 && state < int(std::size(names)))
        return QString::fromLatin1(names[state]);
    return QString::number(state);
}

QString inetEndpoint(int family, const __be32* address, __be16 port)
{
    if (family == AF_INET) {
        sockaddr_in in{};
        in.sin_family = AF_INET;
        std::memcpy(&in.sin_addr, address, 4);
        in.sin_port = port;
        return SocketAddress(reinterpret_cast<sockaddr*>(&in), sizeof(in)).endpoint();
    }
    sockaddr_in6 in6{};
    in6.sin6_family = AF_INET6;
    std::memcpy(&in6.sin6_addr, address, 16);
    in6.sin6_port = port;
    return SocketAddress(reinterpret_cast<sockaddr*>(&in6), sizeof(in6)).endpoint();
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
    bool dump(const Request& request, Handler onMessage, int* error)
    {
        struct {
            nlmsghdr header;
            Request body;
        } message{};
        message.header.nlmsg_len = sizeof(message);
        message.header.nlmsg_type = SOCK_DIAG_BY_FAMILY;
        message.header.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
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
                if (header->nlmsg_type == NLMSG_DONE)
                    return true;
                if (header->nlmsg_type == NLMSG_ERROR) {
                    const auto* failure = static_cast<const nlmsgerr*>(NLMSG_DATA(header));
                    *error = -failure->error;
                    return false;
                }
                onMessage(header);
            }
        }
    }

private:
    int m_fd;
};

bool dumpInet(Netlink& netlink, int family, int protocol, QList<SocketRow>& rows, int* error)
{
    inet_diag_req_v2 request{};
    request.sdiag_family = quint8(family);
    request.sdiag_protocol = quint8(protocol);
    request.idiag_states = ~0u;
    const QString name = QString::fromLatin1(protocol == IPPROTO_TCP ? "tcp" : "udp") +
                         (family == AF_INET6 ? QStringLiteral("6") : QString());
    return netlink.dump(
        request,
        [&](const nlmsghdr* header) {
            const auto* message = static_cast<const inet_diag_msg*>(NLMSG_DATA(header));
            SocketRow row;
            row.protocol = name;
            row.state = tcpStateName(message->idiag_state);
            row.recvQ = message->idiag_rqueue;
            row.sendQ = message->idiag_wqueue;
            row.local = inetEndpoint(family, message->id.idiag_src, message->id.idiag_sport);
            row.peer = inetEndpoint(family, message->id.idiag_dst, message->id.idiag_dport);
            row.uid = message->idiag_uid;
            row.inode = message->idiag_inode;
            rows.append(row);
        },
        error);
}

bool dumpUnix(Netlink& netlink, QList<SocketRow>& rows, int* error)
{
    unix_diag_req request{};
    request.sdiag_family = AF_UNIX;
    request.udiag_states = ~0u;
    request.udiag_show = UDIAG_SHOW_NAME | UDIAG_SHOW_PEER | UDIAG_SHOW_RQLEN;
    return netlink.dump(
        request,
        [&](const nlmsghdr* header) {
            const auto* message = static_cast<const unix_diag_msg*>(NLMSG_DATA(header));
            SocketRow row;
            row.protocol = QStringLiteral("unix");
            row.state = tcpStateName(message->udiag_state);
            row.inode = message->udiag_ino;
            row.local = QStringLiteral("*");
            int length = int(header->nlmsg_len - NLMSG_LENGTH(sizeof(*message)));
            for (auto* attribute =
                     reinterpret_cast<rtattr*>(const_cast<unix_diag_msg*>(message) + 1);
                 RTA_OK(attribute, length); attribute = RTA_NEXT(attribute, length)) {
                const char* data = static_cast<const char*>(RTA_DATA(attribute));
                const int size = int(RTA_PAYLOAD(attribute));
                if (attribute->rta_type == UNIX_DIAG_NAME && size > 0)
                    row.local =
                        data[0] == '\0'
                            ? QStringLiteral("@") + QString::fromLocal8Bit(data + 1, size - 1)
                            : QString::fromLocal8Bit(data, qstrnlen(data, size));
                else if (attribute->rta_type == UNIX_DIAG_PEER && size >= 4)
                    row.peer =
                        QStringLiteral("inode %1").arg(*reinterpret_cast<const quint32*>(data));
                else if (attribute->rta_type == UNIX_DIAG_RQLEN && size >= 8) {
                    const auto* queues = reinterpret_cast<const unix_diag_rqlen*>(data);
                    row.recvQ = queues->udiag_rqueue;
                    row.sendQ = queues->udiag_wqueue;
                }
            }
            rows.append(row);
        },
        error);
}

} // namespace

QJsonObject SocketRow::toJson() const
{
    return QJsonObject{
        {QStringLiteral("protocol"), protocol},    {QStringLiteral("state"), state},
        {QStringLiteral("local"), local},          {QStringLiteral("peer"), peer},
        {QStringLiteral("recv_q"), qint64(recvQ)}, {QStringLiteral("send_q"), qint64(sendQ)},
        {QStringLiteral("uid"), qint64(uid)},      {QStringLiteral("inode"), qint64(inode)},
        {QStringLiteral("pid"), QJsonValue()},
    };
}

std::optional<QList<SocketRow>> snapshotSockets(QString* error)
{
    Netlink netlink;
    int code = errno;
    const auto failed = [&](int value) {
        const ErrnoInfo info = errnoInfo(value);
        if (error)
            *error = Tr::tr("netlink sock_diag failed: %1 (%2): %3")
                         .arg(info.name, info.message, info.explanation);
        return std::nullopt;
    };
    if (!netlink.isOpen())
        return failed(code);
    QList<SocketRow> rows;
    for (const int family : {AF_INET, AF_INET6}) {
        for (const int protocol : {IPPROTO_TCP, IPPROTO_UDP}) {
            if (!dumpInet(netlink, family, protocol, rows, &code))
                return failed(code);
        }
    }
    if (!dumpUnix(netlink, rows, &code))
        return failed(code);
    return rows;
}

} // namespace SocketScope
