#include "trace/attachpermission.h"

#include <QCoreApplication>
#include <QFile>

#include <cerrno>

namespace SocketScope {

namespace {

class Tr {
    Q_DECLARE_TR_FUNCTIONS(AttachPermission)
};

} // namespace

std::optional<int> yamaPtraceScope()
{
    QFile file(QStringLiteral("/proc/sys/kernel/yama/ptrace_scope"));
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    bool ok = false;
    const int scope = file.readLine(16).trimmed().toInt(&ok);
    return ok ? std::optional<int>(scope) : std::nullopt;
}

QString whyNotAttached(int error, std::optional<int> ptraceScope)
{
    if (error == ESRCH)
        return Tr::tr("No process has this number: it has ended, or the number is wrong "
                      "(ps -e lists them).");
    if (error != EPERM)
        return Tr::tr("The system does not let this process be traced.");
    switch (ptraceScope.value_or(0)) {
    case 1:
        return Tr::tr("Yama's ptrace_scope is 1: a process may be traced only by the programs "
                      "that started it. Start your program from SocketScope (--run), or ask "
                      "the administrator for: sudo sysctl kernel.yama.ptrace_scope=0");
    case 2:
        return Tr::tr("Yama's ptrace_scope is 2: only the administrator may attach to a "
                      "running process. Start your program from SocketScope (--run) instead.");
    case 3:
        return Tr::tr("Yama's ptrace_scope is 3: nobody may attach to a running process. Start "
                      "your program from SocketScope (--run) instead.");
    default:
        return Tr::tr("You may trace only your own processes: this one belongs to another "
                      "user, runs a set-user-ID program, or is traced already (by a debugger or "
                      "strace).");
    }
}

} // namespace SocketScope
