#include "tracer.h"

#include "calls/callcodec.h"
#include "calls/errnoinfo.h"
#include "calls/threadgroups.h"
#include "launch.h"
#include "trace/tracedecoders.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

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

using Trace::TrapRole;

constexpr qint64 blockedCheckNs = 50'000'000;

QString kindKey()
{
    return QStringLiteral("kind");
}

QByteArray procFile(pid_t pid, const char* name)
{
    QFile file(QStringLiteral("/proc/%1/%2").arg(pid).arg(QLatin1String(name)));
    if (!file.open(QIODevice::ReadOnly | QIODevice::Unbuffered))
        return {};
    return file.read(64 * 1024);
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

// A call that a signal interrupted, which the kernel may make again: the program never gets
// this value, but the call's real result or EINTR.
bool toBeRestarted(qint64 value)
{
    return value < 0 && value >= -4095 && isRestartCode(int(-value));
}

bool isStopSignal(int signal)
{
    return signal == SIGSTOP || signal == SIGTSTP || signal == SIGTTIN || signal == SIGTTOU;
}

} // namespace

Tracer::Tracer(Channel& channel, bool step)
    : m_channel(channel)
    , m_step(step)
{
}

void Tracer::resume(pid_t tid, int request, int signal)
{
    ptrace(__ptrace_request(request), tid, nullptr, reinterpret_cast<void*>(long(signal)));
}

void Tracer::announceProcess(pid_t pid, pid_t parent, bool thread, const char* kind)
{
    const pid_t process = thread ? parent : pid;
    QJsonArray argv;
    for (const QString& word : Trace::commandLineWords(procFile(process, "cmdline")))
        argv.append(word);
    QJsonObject message{{kindKey(), QLatin1String(kind)},
                        {QStringLiteral("pid"), qint64(pid)},
                        {QStringLiteral("program"), programOf(process)},
                        {QStringLiteral("argv"), argv}};
    if (QByteArrayView(kind) == "process") {
        message.insert(QStringLiteral("parent"), qint64(parent));
        message.insert(QStringLiteral("thread"), thread);
    }
    m_channel.send(message);
}

int Tracer::run(pid_t root, int errorPipe)
{
    m_root = root;
    m_tracees[root] = Tracee{root, false, std::nullopt, {}};
    sigset_t childSignals;
    sigemptyset(&childSignals);
    sigaddset(&childSignals, SIGCHLD);
    sigprocmask(SIG_BLOCK, &childSignals, nullptr);
    const int signals = signalfd(-1, &childSignals, SFD_NONBLOCK | SFD_CLOEXEC);

    while (!m_tracees.empty()) {
        int status = 0;
        pid_t tid;
        while (!m_tracees.empty() && (tid = waitpid(-1, &status, __WALL | WNOHANG)) > 0)
            handle(tid, status);
        if (m_tracees.empty())
            break;
        const bool watching = std::any_of(m_tracees.begin(), m_tracees.end(), [](const auto& t) {
            return t.second.call && !t.second.call->blocked && !t.second.call->paused;
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
        pollfd waits[2] = {{signals, POLLIN, 0}, {m_channel.fd(), POLLIN, 0}};
        const int ready = poll(waits, 2, timeoutMs);
        if (ready > 0 && (waits[0].revents & POLLIN)) {
            signalfd_siginfo info;
            while (read(signals, &info, sizeof(info)) == ssize_t(sizeof(info))) {
            }
        }
        if (ready > 0 && waits[1].revents) {
            for (const Command command : m_channel.receive())
                obey(command);
        }
        if (watching && monotonicNowNs() - m_lastCheckNs >= blockedCheckNs)
            checkBlocked();
    }
    close(signals);
    m_channel.flush();

    if (!m_rootExeced) {
        const ChildFailure failure = childFailure(errorPipe);
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
        // A call paused before the kernel saw it was never made.
        if (found->second.call && !found->second.call->paused)
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

void Tracer::sendCall(qint64 id, const CallEvent& event)
{
    m_channel.sendLine("{\"kind\":\"call\",\"id\":" + QByteArray::number(id) + ",\"event\":" +
                       QJsonDocument(CallCodec::eventToJson(event, CallCodec::Texts::Omitted))
                           .toJson(QJsonDocument::Compact) +
                       "}");
}

// The thread ended inside the call (exit_group, or killed): it never returned.
void Tracer::sendNeverReturned(const InFlight& call)
{
    CallEvent event = call.event;
    event.family = call.info.family;
    event.socketType = call.info.type;
    event.neverReturned = true;
    event.ret = -1;
    event.durationNs = monotonicNowNs() - event.tNs;
    sendCall(call.id, event);
}

bool Tracer::started(pid_t tid)
{
    const auto ids = Trace::taskIds(procFile(tid, "status"));
    const bool thread = ids && ids->tgid != tid;
    const pid_t parent = ids ? pid_t(thread ? ids->tgid : ids->ppid) : 0;
    m_tracees[tid] = Tracee{thread ? parent : tid, true, std::nullopt, {}};
    announceProcess(tid, parent, thread, "process");
    // The child's calls are reported after the fork or clone that made it, so that the
    // sockets it inherits are known: if it starts before that call is reported, it waits
    // for it (see forked()).
    for (auto& [cloner, tracee] : m_tracees) {
        if (tracee.process == parent && tracee.call && !tracee.call->paused &&
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
    if (tracee.call && !tracee.call->paused)
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
    m_descriptors.forgetProcess(tid);
    Tracee& tracee = m_tracees[tid];
    tracee.process = tid;
    if (tid == m_root && !m_rootExeced) {
        m_rootExeced = true;
        tracee.announced = true;
        announceProcess(tid, 0, false, "process");
        return;
    }
    tracee.announced = true;
    announceProcess(tid, tid, false, "exec");
}

void Tracer::entered(pid_t tid, Tracee& tracee)
{
    if (tracee.call && tracee.call->reentered) {
        tracee.call->reentered = false;
        resume(tid, PTRACE_SYSCALL);
        return;
    }
    const auto stop = syscallInfo(tid);
    const auto trapped = stop ? Trace::trappedSyscall(stop->number) : std::nullopt;
    if (!trapped || !tracee.announced) {
        resume(tid, PTRACE_CONT);
        return;
    }
    const SyscallArgs& args = stop->args;
    const int fd = int(args[0]);
    std::optional<CallArguments> arguments;
    if (trapped->role == TrapRole::ReportOnAnySocket)
        arguments = readArguments(tid, trapped->call, args);
    if (!worthReporting(m_descriptors, tracee.process, *trapped, args, arguments)) {
        resume(tid, PTRACE_CONT);
        return;
    }
    InFlight call;
    call.id = m_nextId++;
    call.number = stop->number;
    call.stackPointer = stop->stackPointer;
    call.args = args;
    call.event.pid = tid;
    call.event.call = trapped->call;
    call.event.tNs = monotonicNowNs();
    call.event.arguments =
        arguments ? *std::move(arguments) : readArguments(tid, trapped->call, args);
    const bool takesFd = Calls::has(trapped->call, CallTrait::TakesDescriptor);
    if (takesFd)
        call.info = m_descriptors.lookup(tracee.process, fd);
    // The two messages of every call are written directly: Qt's JSON objects were most of
    // the tracer's time per call.
    m_channel.sendLine(
        "{\"kind\":\"start\",\"id\":" + QByteArray::number(call.id) +
        ",\"pid\":" + QByteArray::number(tid) + ",\"call\":\"" +
        QByteArray(Calls::name(trapped->call).data(), Calls::name(trapped->call).size()) +
        "\",\"fd\":" + QByteArray::number(takesFd ? fd : -1) +
        ",\"tNs\":" + QByteArray::number(call.event.tNs) + "}");
    call.paused = m_step;
    const qint64 id = call.id;
    tracee.call = std::move(call);
    if (m_step) {
        m_paused.push_back(tid);
        m_channel.sendNow({{kindKey(), QStringLiteral("paused")}, {QStringLiteral("id"), id}});
        return;
    }
    resume(tid, PTRACE_SYSCALL);
}

void Tracer::returned(pid_t tid, Tracee& tracee)
{
    const auto stop = syscallInfo(tid);
    if (tracee.call && stop && stop->kind == Trace::SyscallStop::Kind::Entry) {
        enteredAfterSignal(tid, tracee, *stop);
        return;
    }
    if (!tracee.call || !stop || stop->kind != Trace::SyscallStop::Kind::Exit) {
        resume(tid, PTRACE_CONT);
        return;
    }
    if (std::exchange(tracee.call->awaitingSigreturn, false)) {
        // The handler's return restored what the program gets: EINTR, or the call's number
        // to make it again, whose entry comes next.
        if (stop->value == -EINTR)
            finish(tid, tracee, -EINTR);
        else
            resume(tid, PTRACE_SYSCALL);
        return;
    }
    if (toBeRestarted(stop->value)) {
        // Not the program's result: the next call the thread enters tells what becomes of it.
        tracee.call->restartCode = stop->value;
        resume(tid, PTRACE_SYSCALL);
        return;
    }
    finish(tid, tracee, stop->value);
}

// The first call entered after an interrupted one. With no handler to run, the kernel makes
// the call again at once (or goes on with it in restart_syscall): one call, as the program
// sees it, however often a signal (often one only a traced program gets) interrupted it.
// A handler that makes no call returns at once (rt_sigreturn), and its return tells whether
// the call is made again or the program gets EINTR. A handler with calls of its own comes
// first: the interrupted call is shown as strace shows it, "= ? ERESTARTSYS", and if the
// kernel makes it again after the handler, that is a call of its own.
void Tracer::enteredAfterSignal(pid_t tid, Tracee& tracee, const Trace::SyscallStop& stop)
{
    InFlight& call = *tracee.call;
    if (call.restartCode == 0) {
        // Not after an interruption: keep following the call to its return.
        resume(tid, PTRACE_SYSCALL);
        return;
    }
    // The same call made again, on the same stack: a handler's call of the same number runs
    // on the signal's frame, below.
    const bool again = stop.number == call.number && stop.stackPointer == call.stackPointer;
    if (stop.number == SYS_restart_syscall || again) {
        call.restartCode = 0;
        call.reentered = again; // its seccomp stop follows
        resume(tid, PTRACE_SYSCALL);
        return;
    }
    if (stop.number == SYS_rt_sigreturn) {
        call.awaitingSigreturn = true;
        resume(tid, PTRACE_SYSCALL);
        return;
    }
    finish(tid, tracee, std::exchange(call.restartCode, 0));
}

void Tracer::finish(pid_t tid, Tracee& tracee, qint64 value)
{
    InFlight& call = *tracee.call;
    CallEvent& event = call.event;
    event.durationNs = monotonicNowNs() - event.tNs;
    event.blocked = call.blocked;
    readResults(tid, call.args, value, event);
    const DescriptorInfo info = followDescriptors(m_descriptors, tracee.process, event, call.info);
    event.family = info.family;
    event.socketType = info.type;
    if (event.call != Call::Close && event.resultFd() >= 0)
        event.after = m_descriptors.state(tracee.process, event.resultFd(), info);
    sendCall(call.id, event);
    tracee.call.reset();
    releaseHeldChildren(tracee);
    resume(tid, PTRACE_CONT);
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
        if (!tracee.call || tracee.call->blocked || tracee.call->paused)
            continue;
        const auto state = Trace::procStatState(procFile(tid, "stat"));
        if (state && (*state == 'S' || *state == 'D')) {
            tracee.call->blocked = true;
            m_channel.send(
                {{kindKey(), QStringLiteral("blocked")}, {QStringLiteral("id"), tracee.call->id}});
        }
    }
}

void Tracer::obey(Command command)
{
    switch (command) {
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
        killAll();
        return;
    }
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

} // namespace SocketScope::Tracer
