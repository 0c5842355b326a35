#include "trace/procfiles.h"

#include <QFile>

namespace SocketScope::Trace {

QByteArray procFile(qint64 pid, const char* name)
{
    QFile file(QStringLiteral("/proc/%1/%2").arg(pid).arg(QLatin1String(name)));
    // Unbuffered: a /proc file is made when read, and one read() takes it whole.
    if (!file.open(QIODevice::ReadOnly | QIODevice::Unbuffered))
        return {};
    return file.read(64 * 1024);
}

} // namespace SocketScope::Trace
