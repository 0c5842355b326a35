#include "trace/tracedprogram.h"

#include "trace/procfiles.h"
#include "trace/tracedecoders.h"

namespace SocketScope {

std::optional<TracedProgram> runningProcess(qint64 pid)
{
    if (pid <= 0)
        return std::nullopt;
    const auto ids = Trace::taskIds(Trace::procFile(pid, "status"));
    const auto started = Trace::procStatStartTicks(Trace::procFile(pid, "stat"));
    if (!ids || ids->tgid != pid || !started)
        return std::nullopt;
    TracedProgram program{Trace::commandLineWords(Trace::procFile(pid, "cmdline")), pid, *started};
    if (program.words.isEmpty())
        return std::nullopt;
    return program;
}

} // namespace SocketScope
