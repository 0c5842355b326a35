#include "kernelsocketstate.h"

#include "socketaddress.h"

#include <QFile>
#include <QList>

#include <cstring>
#include <netinet/in.h>
#include <sys/stat.h>

namespace SocketScope {

namespace {

// /proc/net/tcp prints each 32-bit word of the address as the host reads it in memory.
bool parseProcAddress(const QByteArray& text, bool ipv6, SocketAddress* address)
{
    const qsizetype colon = text.indexOf(':');
    if (colon < 0)
        return false;
    const QByteArray hexAddress = text.left(colon);
    bool ok = false;
    const uint port = text.mid(colon + 1).toUInt(&ok, 16);
    if (!ok || port > 0xffff || hexAddress.size() != (ipv6 ? 32 : 8))
        return false;
    quint32 words[4] = {};
    for (qsizetype i = 0; i < hexAddress.size() / 8; ++i) {
        words[i] = hexAddress.mid(i * 8, 8).toUInt(&ok, 16);
        if (!ok)
            return false;
    }
    if (ipv6) {
        sockaddr_in6 in6{};
        in6.sin6_family = AF_INET6;
        in6.sin6_port = htons(quint16(port));
        std::memcpy(&in6.sin6_addr, words, sizeof(in6.sin6_addr));
        *address = SocketAddress(reinterpret_cast<sockaddr*>(&in6), sizeof(in6));
    } else {
        sockaddr_in in4{};
        in4.sin_family = AF_INET;
        in4.sin_port = htons(quint16(port));
        std::memcpy(&in4.sin_addr, words, sizeof(in4.sin_addr));
        *address = SocketAddress(reinterpret_cast<sockaddr*>(&in4), sizeof(in4));
    }
    return true;
}

QList<QByteArray> fields(const QByteArray& line)
{
    return line.simplified().split(' ');
}

bool isUnspecified(const SocketAddress& address)
{
    return address.port() == 0 && address.isWildcard();
}

KernelSocketState findUnixRow(quint64 inode)
{
    QFile file(QStringLiteral("/proc/net/unix"));
    KernelSocketState state;
    if (!file.open(QIODevice::ReadOnly))
        return state;
    file.readLine(); // header
    while (!file.atEnd()) {
        const QList<QByteArray> row = fields(file.readLine());
        // Num RefCount Protocol Flags Type St Inode [Path]
        if (row.size() < 7 || row[6].toULongLong() != inode)
            continue;
        state.found = true;
        if (row.size() > 7)
            state.local = QString::fromLocal8Bit(row[7]);
        return state;
    }
    return state;
}

KernelSocketState findInetRow(const QString& path, bool ipv6, bool tcp, quint64 inode)
{
    QFile file(path);
    KernelSocketState state;
    if (!file.open(QIODevice::ReadOnly))
        return state;
    file.readLine(); // header
    while (!file.atEnd()) {
        quint64 rowInode = 0;
        KernelSocketState row;
        if (ProcNet::parseInetRow(file.readLine(), ipv6, &rowInode, &row, tcp) && rowInode == inode)
            return row;
    }
    return state;
}

} // namespace

QString tcpStateName(int state)
{
    // Literals: a dump of ten thousand sockets names as many states without allocating.
    switch (state) {
    case 1:
        return QStringLiteral("ESTABLISHED");
    case 2:
        return QStringLiteral("SYN_SENT");
    case 3:
        return QStringLiteral("SYN_RECV");
    case 4:
        return QStringLiteral("FIN_WAIT1");
    case 5:
        return QStringLiteral("FIN_WAIT2");
    case 6:
        return QStringLiteral("TIME_WAIT");
    case 7:
        return QStringLiteral("CLOSE");
    case 8:
        return QStringLiteral("CLOSE_WAIT");
    case 9:
        return QStringLiteral("LAST_ACK");
    case 10:
        return QStringLiteral("LISTEN");
    case 11:
        return QStringLiteral("CLOSING");
    case 12:
        return QStringLiteral("NEW_SYN_RECV");
    default:
        return QString::number(state);
    }
}

bool ProcNet::parseInetRow(const QByteArray& line, bool ipv6, quint64* inode,
                           KernelSocketState* state, bool tcp)
{
    // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
    const QList<QByteArray> row = fields(line);
    if (row.size() < 10)
        return false;
    SocketAddress local;
    SocketAddress peer;
    if (!parseProcAddress(row[1], ipv6, &local) || !parseProcAddress(row[2], ipv6, &peer))
        return false;
    bool ok = false;
    const int st = row[3].toInt(&ok, 16);
    if (!ok)
        return false;
    *inode = row[9].toULongLong(&ok);
    if (!ok)
        return false;
    state->found = true;
    state->local = isUnspecified(local) ? QString() : local.endpoint();
    state->peer = isUnspecified(peer) ? QString() : peer.endpoint();
    state->tcpState = tcp ? tcpStateName(st) : QString();
    return true;
}

KernelSocketState readKernelSocketState(int fd, int domain, int type)
{
    struct stat info {};
    if (fstat(fd, &info) != 0 || !S_ISSOCK(info.st_mode))
        return {};
    const auto inode = quint64(info.st_ino);
    const int baseType = type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (domain == AF_UNIX)
        return findUnixRow(inode);
    const bool ipv6 = domain == AF_INET6;
    const bool tcp = baseType == SOCK_STREAM;
    const QString path = QStringLiteral("/proc/net/%1%2")
                             .arg(tcp ? QStringLiteral("tcp") : QStringLiteral("udp"),
                                  ipv6 ? QStringLiteral("6") : QString());
    KernelSocketState state = findInetRow(path, ipv6, tcp, inode);
    // A TCP socket that is neither bound nor connected is in no table: its state is CLOSE.
    if (!state.found && tcp) {
        state.found = true;
        state.tcpState = tcpStateName(7);
    }
    return state;
}

} // namespace SocketScope
