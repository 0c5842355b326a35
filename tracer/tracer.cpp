#include "tracer.h"

#include "launch.h"
#include "procfs.h"

#include <cerrno>
#include <csignal>
#include <poll.h>
#include <sys/ptrace.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

namespace SocketScope::Tracer {

namespace {

constexpr qint64 blockedCheckNs = 50'000'000;
constexpr int maxStopsAtOnce = 64;

bool isStopSignal(int signal)
{
    return signal == SIGSTOP || signal == SIGTSTP || signal == SIGTTIN || signal == SIGTTOU;
}

} // namespace

Tracer::Tracer(Channel& channel, bool step, bool holdNewAddresses)
    : m_channel(channel)
    , m_step(step)
{
    if (holdNewAddresses)
        m_newAddresses.emplace();
}

void Tracer::resume(pid_t tid, int request, int signal)
{
    if (m_attached && request == PTRACE_CONT)
        request = PTRACE_SYSCALL; // the next call's entry is the only place to see it
    ptrace(__ptrace_request(request), tid, nullptr, reinterpret_cast<void*>(long(signal)));
}

int Tracer::run(pid_t root, int errorPipe)
{
    m_root = root;
    m_errorPipe = errorPipe;
    m_tracees[root] = Tracee{root, false, std::nullopt, {}};
    return follow();
}

int Tracer::runAttached(const Attachment& attached)
{
    m_attached = true;
    m_rootExeced = true; // it runs its program already: an exec is one of its calls
    m_root = attached.threads.front();
    for (const pid_t tid : attached.threads) {
        m_tracees[tid] = Tracee{m_root, true, std::nullopt, {}};
        announceProcess(tid, tid == m_root ? 0 : m_root, tid != m_root, "process");
    }
    if (m_newAddresses)
        tellBoundSockets(m_root);
    return follow();
}

void Tracer::tellBoundSockets(pid_t process)
{
    std::vector<SocketAddress> bound;
    for (const int fd : openDescriptors(process)) {
        const DescriptorInfo info = m_descriptors.lookup(process, fd);
        if (!info.socket)
            continue;
        for (const SocketAddress& local :
             m_newAddresses->boundBefore(m_descriptors.state(process, fd, info).local))
            bound.push_back(local);
    }
    if (tell(bound, true))
        m_channel.flush();
}

int Tracer::follow()
{
    sigset_t childSignals;
    sigemptyset(&childSignals);
    sigaddset(&childSignals, SIGCHLD);
    sigprocmask(SIG_BLOCK, &childSignals, nullptr);
    const int signals = signalfd(-1, &childSignals, SFD_NONBLOCK | SFD_CLOEXEC);

    while (!m_tracees.empty()) {
        int status = 0;
        pid_t tid;
        // A bounded number of stops at a time: attached, a busy program stops at every call,
        // and the app's orders must still be heard.
        int handled = 0;
        while (!m_tracees.empty() && handled < maxStopsAtOnce &&
               (tid = waitpid(-1, &status, __WALL | WNOHANG)) > 0) {
            handle(tid, status);
            ++handled;
        }
        if (m_tracees.empty())
            break;
        const bool watching = std::any_of(m_tracees.begin(), m_tracees.end(), [](const auto& t) {
            return t.second.call && !t.second.call->blocked && t.second.call->made();
        });
        const qint64 now = monotonicNowNs();
        if (m_channel.queuedSinceNs() && now - m_channel.queuedSinceNs() >= Channel::batchNs)
            m_channel.flush();
        int timeoutMs = watching ? int(blockedCheckNs / 1'000'000) : -1;
        if (m_channel.queuedSinceNs()) {
            const qint64 left = m_channel.queuedSinceNs() + Channel::batchNs - now;
            timeoutMs = int(
                qBound<qint64>(1, left / 1'000'000 + 1, timeoutMs < 0 ? 1000 : qint64(timeoutMs)));
        }
        if (handled == maxStopsAtOnce)
            timeoutMs = 0; // more stops wait: only look at the channel

        pollfd waits[2] = {{signals, POLLIN, 0}, {m_channel.fd(), POLLIN, 0}};
        const int ready = poll(waits, 2, timeoutMs);
        if (ready > 0 && (waits[0].revents & POLLIN)) {
            signalfd_siginfo info;
            while (read(signals, &info, sizeof(info)) == ssize_t(sizeof(info))) {
            }
        }
        if (ready > 0 && waits[1].revents) {
            for (const Order& order : m_channel.receive())
                obey(order);
        }
        if (watching && monotonicNowNs() - m_lastCheckNs >= blockedCheckNs)
            checkBlocked();
    }
    close(signals);
    m_channel.flush();

    if (!m_rootExeced) {
        const ChildFailure failure = childFailure(m_errorPipe);
        if (failure.error != 0) {
            m_channel.sendNow({{kindKey(), QStringLiteral("refused")},
                               {QStringLiteral("what"), QLatin1String(refusalName(failure.what))},
                               {QStringLiteral("errno"), failure.error}});
            return failure.what == Refusal::Exec ? 127 : 120;
        }
    }
    const int status = m_rootStatus.value_or(0);
    return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
}

void Tracer::handle(pid_t tid, int status)
{
    if (WIFEXITED(status) || WIFSIGNALED(status)) {
        ended(tid, status);
        return;
    }
    if (!WIFSTOPPED(status))
        return;
    auto found = m_tracees.find(tid);
    if (found == m_tracees.end()) {
        // A new child or thread, stopped before its first instruction.
        if (!started(tid))
            resume(tid, PTRACE_CONT);
        return;
    }
    const int signal = WSTOPSIG(status);
    const int event = status >> 16;
    if (signal == (SIGTRAP | 0x80)) {
        // Attached, a thread with no call in flight stops at every call's entry (and at the
        // exit of calls it let go).
        if (m_attached && !found->second.call)
            entered(tid, found->second);
        else
            returned(tid, found->second);
        return;
    }
    switch (event) {
    case PTRACE_EVENT_SECCOMP:
        entered(tid, found->second);
        return;
    case PTRACE_EVENT_EXEC:
        execed(tid);
        resume(tid, PTRACE_CONT);
        return;
    case PTRACE_EVENT_FORK:
    case PTRACE_EVENT_VFORK:
    case PTRACE_EVENT_CLONE:
        forked(tid, found->second);
        return;
    case PTRACE_EVENT_STOP:
        // A group-stop (SIGSTOP, SIGTSTP...): stay stopped until SIGCONT, as untraced.
        if (isStopSignal(signal)) {
            stopped(found->second, signal);
            resume(tid, PTRACE_LISTEN);
        } else {
            continued(found->second);
            resume(tid, goOn(found->second));
        }
        return;
    default:
        // A signal for the program: pass it on.
        if (signal == SIGCONT)
            continued(found->second);
        resume(tid, goOn(found->second), signal);
        return;
    }
}

int Tracer::goOn(const Tracee& tracee)
{
    return tracee.call && tracee.call->restartCode ? PTRACE_SYSCALL : PTRACE_CONT;
}

void Tracer::release(pid_t tid)
{
    const auto found = m_tracees.find(tid);
    if (found == m_tracees.end() || !found->second.call || !found->second.call->paused)
        return;
    found->second.call->paused = false;
    resume(tid, PTRACE_SYSCALL);
}

void Tracer::checkBlocked()
{
    m_lastCheckNs = monotonicNowNs();
    for (auto& [tid, tracee] : m_tracees) {
        if (!tracee.call || tracee.call->blocked || !tracee.call->made())
            continue;
        const auto state = Trace::procStatState(Trace::procFile(tid, "stat"));
        if (state && (*state == 'S' || *state == 'D')) {
            tracee.call->blocked = true;
            m_channel.send(
                {{kindKey(), QStringLiteral("blocked")}, {QStringLiteral("id"), tracee.call->id}});
        }
    }
}

void Tracer::obey(const Order& order)
{
    switch (order.command) {
    case Command::Next:
        while (!m_paused.empty()) {
            const pid_t tid = m_paused.front();
            m_paused.pop_front();
            if (m_tracees.count(tid)) {
                release(tid);
                return;
            }
        }
        return;
    case Command::Run:
        m_step = false;
        while (!m_paused.empty()) {
            release(m_paused.front());
            m_paused.pop_front();
        }
        return;
    case Command::Step:
        m_step = true;
        return;
    case Command::Kill:
        if (m_attached)
            detachAll();
        else
            killAll();
        return;
    case Command::Release:
        releaseHold(order.id);
        return;
    }
}

} // namespace SocketScope::Tracer