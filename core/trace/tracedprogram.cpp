#include "trace/tracedprogram.h"

#include "trace/tracedecoders.h"

#include <QFile>

namespace SocketScope {

namespace {

QByteArray procFile(qint64 pid, const char* name)
{
    QFile file(QStringLiteral("/proc/%1/%2").arg(pid).arg(QLatin1String(name)));
    return file.open(QIODevice::ReadOnly) ? file.read(64 * 1024) : QByteArray();
}

// Field 22 of /proc/PID/stat, counted after the command's closing parenthesis (which the
// command itself may hold).
std::optional<quint64> startTicksOf(const QByteArray& stat)
{
    const qsizetype close = stat.lastIndexOf(')');
    if (close < 0)
        return std::nullopt;
    const QList<QByteArray> fields = stat.mid(close + 2).split(' ');
    bool ok = false;
    const quint64 ticks = fields.value(22 - 3).toULongLong(&ok);
    return ok ? std::optional<quint64>(ticks) : std::nullopt;
}

} // namespace

std::optional<TracedProgram> runningProcess(qint64 pid)
{
    if (pid <= 0)
        return std::nullopt;
    const auto ids = Trace::taskIds(procFile(pid, "status"));
    const auto started = startTicksOf(procFile(pid, "stat"));
    if (!ids || ids->tgid != pid || !started)
        return std::nullopt;
    TracedProgram program{Trace::commandLineWords(procFile(pid, "cmdline")), pid, *started};
    if (program.words.isEmpty())
        return std::nullopt;
    return program;
}

} // namespace SocketScope
