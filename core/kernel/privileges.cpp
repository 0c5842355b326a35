#include "kernel/privileges.h"

#include <QFile>

namespace SocketScope {

namespace {

constexpr int capNetBindService = 10; // linux/capability.h

int unprivilegedPortStart()
{
    QFile file(QStringLiteral("/proc/sys/net/ipv4/ip_unprivileged_port_start"));
    bool ok = false;
    const int start = file.open(QIODevice::ReadOnly) ? file.readAll().trimmed().toInt(&ok) : 0;
    return ok ? start : 1024;
}

bool hasNetBindService()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return false;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("CapEff:")) {
            bool ok = false;
            const qulonglong effective = line.mid(7).trimmed().toULongLong(&ok, 16);
            return ok && (effective >> capNetBindService) & 1;
        }
    }
    return false;
}

} // namespace

bool mayBindPort(quint16 port)
{
    return port >= unprivilegedPortStart() || hasNetBindService();
}

} // namespace SocketScope
