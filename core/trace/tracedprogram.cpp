#include "trace/tracedprogram.h"

#include "trace/tracedecoders.h"

#include <QFile>

namespace SocketScope {

std::optional<TracedProgram> runningProcess(qint64 pid)
{
    if (pid <= 0)
        return std::nullopt;
    QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(pid));
    if (!cmdline.open(QIODevice::ReadOnly))
        return std::nullopt;
    TracedProgram program{Trace::commandLineWords(cmdline.read(64 * 1024)), pid};
    if (program.words.isEmpty())
        return std::nullopt;
    return program;
}

} // namespace SocketScope
