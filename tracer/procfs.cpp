#include "procfs.h"

#include <QDir>

#include <sys/ptrace.h>
#include <unistd.h>

namespace SocketScope::Tracer {

std::vector<int> openDescriptors(pid_t pid)
{
    std::vector<int> open;
    const QDir folder(QStringLiteral("/proc/%1/fd").arg(pid));
    for (const QString& name : folder.entryList(QDir::Files | QDir::System)) {
        bool ok = false;
        const int fd = name.toInt(&ok);
        if (ok && fd >= 0)
            open.push_back(fd);
    }
    return open;
}

QString programOf(pid_t pid)
{
    char path[4096];
    const QByteArray link = "/proc/" + QByteArray::number(pid) + "/exe";
    const ssize_t length = readlink(link.constData(), path, sizeof(path));
    return length > 0 ? QString::fromLocal8Bit(path, length) : QString();
}

std::optional<Trace::SyscallStop> syscallInfo(pid_t tid)
{
    char buffer[128] = {};
    const long reported =
        ptrace(PTRACE_GET_SYSCALL_INFO, tid, reinterpret_cast<void*>(sizeof(buffer)), buffer);
    if (reported <= 0)
        return std::nullopt;
    return Trace::decodeSyscallInfo(QByteArrayView(buffer, sizeof(buffer)), reported);
}

} // namespace SocketScope::Tracer
