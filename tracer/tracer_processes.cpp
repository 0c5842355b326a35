#include "calls/threadgroups.h"
#include "procfs.h"
#include "tracer.h"

#include <QJsonArray>

#include <cerrno>
#include <csignal>
#include <sys/ptrace.h>
#include <sys/wait.h>

// The traced processes and threads: how each starts, stops, runs another program and ends,
// and the end of them all.
namespace SocketScope::Tracer {

void Tracer::announceProcess(pid_t pid, pid_t parent, bool thread, const char* kind)
{
    m_channel.send(describeProcess(pid, parent, thread, kind));
}

QJsonObject Tracer::describeProcess(pid_t pid, pid_t parent, bool thread, const char* kind)
{
    const pid_t process = thread ? parent : pid;
    QJsonArray argv;
    for (const QString& word : Trace::commandLineWords(Trace::procFile(process, "cmdline")))
        argv.append(word);
    QJsonObject message{{kindKey(), QLatin1String(kind)},
                        {QStringLiteral("pid"), qint64(pid)},
                        {QStringLiteral("program"), programOf(process)},
                        {QStringLiteral("argv"), argv}};
    if (QByteArrayView(kind) == "process") {
        message.insert(QStringLiteral("parent"), qint64(parent));
        message.insert(QStringLiteral("thread"), thread);
    }
    return message;
}

void Tracer::stopped(const Tracee& tracee, int signal)
{
    if (!tracee.announced || !m_stopped.insert(tracee.process).second)
        return;
    m_channel.sendNow({{kindKey(), QStringLiteral("stopped")},
                       {QStringLiteral("pid"), qint64(tracee.process)},
                       {QStringLiteral("signal"), signal},
                       {QStringLiteral("tNs"), monotonicNowNs()}});
}

void Tracer::continued(const Tracee& tracee)
{
    if (m_stopped.erase(tracee.process) == 0)
        return;
    m_channel.sendNow({{kindKey(), QStringLiteral("continued")},
                       {QStringLiteral("pid"), qint64(tracee.process)},
                       {QStringLiteral("tNs"), monotonicNowNs()}});
}

void Tracer::ended(pid_t tid, int status)
{
    const auto found = m_tracees.find(tid);
    if (found == m_tracees.end())
        return;
    if (found->second.announced) {
        // A call paused or held before the kernel saw it was never made.
        if (found->second.call && found->second.call->made())
            sendNeverReturned(*found->second.call);
        if (WIFSIGNALED(status))
            m_channel.send({{kindKey(), QStringLiteral("killed")},
                            {QStringLiteral("pid"), qint64(tid)},
                            {QStringLiteral("signal"), WTERMSIG(status)},
                            {QStringLiteral("tNs"), monotonicNowNs()}});
        else
            m_channel.send({{kindKey(), QStringLiteral("exit")},
                            {QStringLiteral("pid"), qint64(tid)},
                            {QStringLiteral("status"), WEXITSTATUS(status)},
                            {QStringLiteral("tNs"), monotonicNowNs()}});
    }
    if (found->second.process == tid) {
        m_descriptors.forgetProcess(tid);
        m_stopped.erase(tid);
    }
    releaseHeldChildren(found->second);
    m_tracees.erase(found);
    std::erase(m_paused, tid);
    if (tid == m_root)
        m_rootStatus = status;
}

bool Tracer::started(pid_t tid)
{
    // Before its exec the launched child still runs the tracer's own code: a thread it starts
    // then (a sanitizer's runtime starts one after fork) is not the program's, and goes on
    // untraced.
    if (!m_rootExeced) {
        ptrace(PTRACE_DETACH, tid, nullptr, nullptr);
        return true;
    }
    const auto ids = Trace::taskIds(Trace::procFile(tid, "status"));
    const bool thread = ids && ids->tgid != tid;
    const pid_t parent = ids ? pid_t(thread ? ids->tgid : ids->ppid) : 0;
    m_tracees[tid] = Tracee{thread ? parent : tid, true, std::nullopt, {}};
    announceProcess(tid, parent, thread, "process");
    // The child's calls are reported after the fork or clone that made it, so that the
    // sockets it inherits are known: if it starts before that call is reported, it waits
    // for it (see forked()).
    for (auto& [cloner, tracee] : m_tracees) {
        if (tracee.process == parent && tracee.call && tracee.call->made() &&
            Calls::has(tracee.call->event.call, CallTrait::StartsActor)) {
            tracee.heldChildren.push_back(tid);
            return true;
        }
    }
    return false;
}

// The new process or thread exists: its fork, vfork or clone has its result, the child's
// PID, and is reported now, before any call of the child's (the caller of vfork returns
// only once the child has exec'd or ended; the others right after).
void Tracer::forked(pid_t tid, Tracee& tracee)
{
    unsigned long child = 0;
    ptrace(PTRACE_GETEVENTMSG, tid, nullptr, &child);
    if (tracee.call && Calls::has(tracee.call->event.call, CallTrait::StartsActor)) {
        InFlight& call = *tracee.call;
        call.event.ret = qint64(child);
        call.event.durationNs = monotonicNowNs() - call.event.tNs;
        call.event.blocked = call.blocked;
        sendCall(call.id, call.event);
        if (!sharesTable(call.event))
            m_descriptors.copyProcess(tracee.process, pid_t(child));
        tracee.call.reset();
    }
    releaseHeldChildren(tracee);
    resume(tid, PTRACE_CONT);
}

// A thread replaced by exec: its call in flight never returns, its children go on.
void Tracer::endedUnseen(Tracee& tracee)
{
    if (tracee.call && tracee.call->made())
        sendNeverReturned(*tracee.call);
    tracee.call.reset();
    releaseHeldChildren(tracee);
}

void Tracer::releaseHeldChildren(Tracee& tracee)
{
    for (const pid_t child : std::exchange(tracee.heldChildren, {})) {
        if (m_tracees.count(child))
            resume(child, PTRACE_CONT);
    }
}

void Tracer::execed(pid_t tid)
{
    unsigned long former = 0;
    ptrace(PTRACE_GETEVENTMSG, tid, nullptr, &former);
    // A thread other than the leader exec'd: it now has the leader's ID, and the leader (as
    // every other thread) is gone without an exit of its own.
    if (pid_t(former) != tid) {
        if (const auto gone = m_tracees.find(pid_t(former)); gone != m_tracees.end())
            endedUnseen(gone->second);
        m_tracees.erase(pid_t(former));
        std::erase(m_paused, pid_t(former));
    }
    if (const auto leader = m_tracees.find(tid); leader != m_tracees.end())
        endedUnseen(leader->second);
    std::erase(m_paused, tid);
    const std::vector<int> closed = m_descriptors.closedByExec(tid);
    Tracee& tracee = m_tracees[tid];
    tracee.process = tid;
    if (tid == m_root && !m_rootExeced) {
        m_rootExeced = true;
        tracee.announced = true;
        announceProcess(tid, 0, false, "process");
        return;
    }
    tracee.announced = true;
    QJsonArray closedSockets;
    for (const int fd : closed)
        closedSockets.append(fd);
    QJsonObject message = describeProcess(tid, tid, false, "exec");
    message.insert(QStringLiteral("closed"), closedSockets);
    message.insert(QStringLiteral("tNs"), monotonicNowNs());
    m_channel.send(message);
}

void Tracer::killAll()
{
    if (m_killing)
        return;
    m_killing = true;
    kill(-m_root, SIGKILL);
    for (const auto& [tid, tracee] : m_tracees)
        kill(tid, SIGKILL);
    // Every traced thread reports its end; nothing is left behind.
    while (!m_tracees.empty()) {
        int status = 0;
        const pid_t tid = waitpid(-1, &status, __WALL);
        if (tid < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        if (WIFEXITED(status) || WIFSIGNALED(status))
            ended(tid, status);
        else if (!m_tracees.count(tid))
            kill(tid, SIGKILL); // a child that was starting: it ends too
    }
    m_tracees.clear();
    m_channel.flush();
}

void Tracer::detachAll()
{
    for (const auto& [tid, tracee] : m_tracees) {
        if (tracee.announced && tracee.process == tid)
            m_channel.send({{kindKey(), QStringLiteral("detached")},
                            {QStringLiteral("pid"), qint64(tid)},
                            {QStringLiteral("tNs"), monotonicNowNs()}});
    }
    m_tracees.clear();
    m_channel.flush();
}

} // namespace SocketScope::Tracer
