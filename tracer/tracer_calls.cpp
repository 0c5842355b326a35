#include "calls/callcodec.h"
#include "calls/errnoinfo.h"
#include "procfs.h"
#include "tracer.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <cerrno>
#include <linux/audit.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>

// A traced call from its entry to its return: what it is, its arguments, its result and
// what it did to the process's descriptors.
namespace SocketScope::Tracer {

namespace {

using Trace::TrapRole;

// A call that a signal interrupted, which the kernel may make again: the program never gets
// this value, but the call's real result or EINTR.
bool toBeRestarted(qint64 value)
{
    return value < 0 && value >= -4095 && isRestartCode(int(-value));
}

} // namespace

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

void Tracer::entered(pid_t tid, Tracee& tracee)
{
    if (tracee.call && tracee.call->reentered) {
        tracee.call->reentered = false;
        resume(tid, PTRACE_SYSCALL);
        return;
    }
    const auto stop = syscallInfo(tid);
    // Attached, no filter keeps out the calls of other ABIs (int 0x80): their numbers are not
    // x86_64's.
    const bool entry =
        stop && stop->kind != Trace::SyscallStop::Kind::Exit && stop->arch == AUDIT_ARCH_X86_64;
    const auto trapped = entry ? Trace::trappedSyscall(stop->number) : std::nullopt;
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
    call.event.arguments =
        arguments ? *std::move(arguments) : readArguments(tid, trapped->call, args);
    if (Calls::has(trapped->call, CallTrait::TakesDescriptor))
        call.info = m_descriptors.lookup(tracee.process, fd);
    tracee.call = std::move(call);
    if (m_newAddresses) {
        InFlight& entering = *tracee.call;
        entering.held = tell(m_newAddresses->reachedBy(entering.event), false);
        if (entering.held) {
            m_channel.sendNow({{kindKey(), QStringLiteral("hold")},
                               {QStringLiteral("id"), entering.id},
                               {QStringLiteral("pid"), qint64(tid)}});
            return;
        }
    }
    proceed(tid, tracee);
}

// The call is made from now on (a held call was not): the app is told it started, then it
// waits for Next or goes into the kernel. Whether it pauses is decided now, as the app
// decides whether it is a step.
void Tracer::proceed(pid_t tid, Tracee& tracee)
{
    InFlight& call = *tracee.call;
    call.event.tNs = monotonicNowNs();
    const bool takesFd = Calls::has(call.event.call, CallTrait::TakesDescriptor);
    const QLatin1String name = Calls::name(call.event.call);
    // The two messages of every call are written directly: Qt's JSON objects were most of
    // the tracer's time per call.
    m_channel.sendLine("{\"kind\":\"start\",\"id\":" + QByteArray::number(call.id) +
                       ",\"pid\":" + QByteArray::number(tid) + ",\"call\":\"" +
                       QByteArray(name.data(), qsizetype(name.size())) +
                       "\",\"fd\":" + QByteArray::number(takesFd ? int(call.args[0]) : -1) +
                       ",\"tNs\":" + QByteArray::number(call.event.tNs) + "}");
    call.paused = m_step;
    if (m_step) {
        m_paused.push_back(tid);
        m_channel.sendNow({{kindKey(), QStringLiteral("paused")}, {QStringLiteral("id"), call.id}});
        return;
    }
    resume(tid, PTRACE_SYSCALL);
}

bool Tracer::tell(const std::vector<SocketAddress>& addresses, bool bound)
{
    for (const SocketAddress& address : addresses) {
        QJsonObject reach{{kindKey(), QStringLiteral("reach")}, {QStringLiteral("bound"), bound}};
        CallCodec::putAddress(reach, "address", address);
        m_channel.send(reach);
    }
    return !addresses.empty();
}

void Tracer::releaseHold(qint64 id)
{
    for (auto& [tid, tracee] : m_tracees) {
        if (tracee.call && tracee.call->held && tracee.call->id == id) {
            tracee.call->held = false;
            proceed(tid, tracee);
            return;
        }
    }
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
    // A call of another ABI (int 0x80, attached) has numbers of its own: none of these.
    if (stop.arch != AUDIT_ARCH_X86_64) {
        finish(tid, tracee, std::exchange(call.restartCode, 0), m_attached);
        if (m_attached)
            entered(tid, tracee);
        return;
    }
    // The same call made again, on the same stack: a handler's call of the same number runs
    // on the signal's frame, below.
    const bool again = stop.number == call.number && stop.stackPointer == call.stackPointer;
    if (stop.number == SYS_restart_syscall || again) {
        call.restartCode = 0;
        call.reentered = again && !m_attached; // its seccomp stop follows
        resume(tid, PTRACE_SYSCALL);
        return;
    }
    if (stop.number == SYS_rt_sigreturn) {
        call.awaitingSigreturn = true;
        resume(tid, PTRACE_SYSCALL);
        return;
    }
    // Attached, this entry is the handler's call's only stop (no seccomp stop follows).
    finish(tid, tracee, std::exchange(call.restartCode, 0), m_attached);
    if (m_attached)
        entered(tid, tracee);
}

void Tracer::finish(pid_t tid, Tracee& tracee, qint64 value, bool stayStopped)
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
    const qint64 id = call.id;
    const CallEvent done = std::move(event);
    tracee.call.reset();
    // A new bound address goes out before the program goes on: its packets come later, from
    // a peer, and the capture takes the port meanwhile (a server held here could lose the
    // race to its own client).
    const std::vector<SocketAddress> bound =
        m_newAddresses ? m_newAddresses->boundBy(done) : std::vector<SocketAddress>{};
    if (!bound.empty()) {
        sendCall(id, done);
        tell(bound, true);
        m_channel.flush();
    }
    // Otherwise the program goes on while its call is written out (the JSON is most of the
    // tracer's time per call); its next stop is handled after this one is sent.
    if (!stayStopped)
        resume(tid, PTRACE_CONT);
    if (bound.empty())
        sendCall(id, done);
    releaseHeldChildren(tracee);
}

} // namespace SocketScope::Tracer
