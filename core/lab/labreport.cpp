// socklab's status table, read from the kernel for each socket the lab holds.
#include "kernel/descriptorstate.h"
#include "lab/labsession.h"

#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>

namespace SocketScope {

namespace {

// socklab's "a.b.c.d(port)", "*(port)" for any address, "-" when there is none.
QString addressColumn(const SocketAddress& address)
{
    if (!address.isValid())
        return QStringLiteral("-");
    const QString host = address.isWildcard() ? QStringLiteral("*") : address.host();
    return QStringLiteral("%1(%2)").arg(host).arg(address.port());
}

// What select() with no timeout would say: R, W, X or '.' each, as socklab's column.
QString readiness(int fd)
{
    pollfd entry{fd, short(POLLIN | POLLOUT | POLLPRI), 0};
    if (::poll(&entry, 1, 0) < 0)
        return QStringLiteral("???");
    QString flags;
    flags += (entry.revents & (POLLIN | POLLHUP | POLLERR)) ? QLatin1Char('R') : QLatin1Char('.');
    flags += (entry.revents & (POLLOUT | POLLERR)) ? QLatin1Char('W') : QLatin1Char('.');
    flags += (entry.revents & POLLPRI) ? QLatin1Char('X') : QLatin1Char('.');
    return flags;
}

} // namespace

QString labFamilyColumn(int domain)
{
    switch (domain) {
    case AF_INET6:
        return QStringLiteral("ipv6");
    case AF_UNIX:
        return QStringLiteral("unix");
    default:
        return QStringLiteral("ipv4");
    }
}

std::optional<QString> labPathColumn(const LabStatusRow& row, bool peer)
{
    if (row.domain != AF_UNIX)
        return std::nullopt;
    const SocketAddress& end = peer ? row.peer : row.local;
    if (peer && row.peerUnnamed)
        return LabSession::tr("(no path)");
    if (!end.isValid())
        return QStringLiteral("-");
    return end.host().isEmpty() ? LabSession::tr("(no path)") : end.host();
}

// An AF_UNIX socket is no TCP or UDP: its type says what it is.
QString labProtocolColumn(const LabStatusRow& row)
{
    if (row.domain == AF_UNIX)
        return row.stream ? QStringLiteral("STREAM") : QStringLiteral("DGRAM");
    return row.stream ? QStringLiteral("TCP") : QStringLiteral("UDP");
}

LabStatusRow readLabStatusRow(const LabStatusSocket& socket)
{
    const DescriptorState state = readDescriptorState(socket.id, socket.domain, socket.type);
    return {socket.id,
            socket.current,
            (socket.type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC)) == SOCK_STREAM,
            socket.domain,
            state.local,
            state.peer,
            socket.domain == AF_UNIX && !state.peer.isValid() && state.peerInode != 0,
            readiness(socket.id)};
}

QList<LabStatusSocket> LabSession::statusSockets() const
{
    QList<LabStatusSocket> sockets;
    for (auto it = m_sockets.cbegin(); it != m_sockets.cend(); ++it) {
        if (it->terminal == m_terminal)
            sockets.append({it.key(), it.key() == m_current, it->domain, it->type});
    }
    return sockets;
}

QList<LabStatusRow> LabSession::statusRows() const
{
    QList<LabStatusRow> rows;
    for (const LabStatusSocket& socket : statusSockets())
        rows.append(readLabStatusRow(socket));
    return rows;
}

QStringList LabSession::statusTable() const
{
    const QList<LabStatusRow> rows = statusRows();
    if (rows.isEmpty())
        return {tr("No socket has been created yet.")};
    QStringList lines{
        tr(" Id  Proto   Local address              Remote address             TYPE  RWX"),
        QStringLiteral(" ") + QString(75, QLatin1Char('-'))};
    for (const LabStatusRow& row : rows) {
        lines << QStringLiteral("%1%2  %3%4%5%6%7")
                     .arg(row.current ? QLatin1Char('>') : QLatin1Char(' '))
                     .arg(row.id, 3)
                     .arg(labProtocolColumn(row), -8)
                     // A path longer than the column still ends before the next one.
                     .arg(labPathColumn(row, false).value_or(addressColumn(row.local)) +
                              QLatin1Char(' '),
                          -27)
                     .arg(labPathColumn(row, true).value_or(addressColumn(row.peer)) +
                              QLatin1Char(' '),
                          -27)
                     .arg(labFamilyColumn(row.domain), -6)
                     .arg(row.readiness);
    }
    return lines;
}

} // namespace SocketScope
