#include "calls/errnoinfo.h"
#include "calls/threadgroups.h"
#include "sources/tracesource.h"
#include "trace/attachpermission.h"

#include <cerrno>
#include <cstring>

// What the tracing helpers tell: each program's processes and threads, its calls as they are
// entered and as they return, the addresses the capture must follow, and how each one ended.
namespace SocketScope {

namespace {

// What execve()'s errno means for the user who typed the command line.
QString whyNotStarted(int error)
{
    switch (error) {
    case ENOENT:
        return TraceSource::tr("No such program: a program of this folder is written ./name, "
                               "others are looked for in the PATH.");
    case EACCES:
        return TraceSource::tr("The file is not executable by you (chmod +x makes it so), or a "
                               "folder on its path cannot be entered.");
    case ENOEXEC:
        return TraceSource::tr("The file is not a program this system can run (a source file? "
                               "compile it first).");
    default:
        return {};
    }
}

} // namespace

void TraceSource::onMessage(int tracer, const TraceMessage& message)
{
    using K = TraceMessage::Kind;
    EventLog& log = writableLog();
    switch (message.kind) {
    case K::Refused:
        onRefused(tracer, message);
        break;
    case K::Process:
        if (m_firstPid == 0 && message.parent == 0 && tracer == 0)
            m_firstPid = message.pid;
        if (message.thread)
            m_threads.insert(message.pid);
        else
            m_liveProcesses.insert(message.pid, tracer);
        actorOf(message.pid, message.program, message.thread);
        break;
    case K::Exec: {
        const QString actor = actorOf(message.pid, message.program, false);
        if (!message.closed.isEmpty())
            endProcess({.seq = m_sequence->fetch_add(1),
                        .tNs = message.tNs,
                        .actor = actor,
                        .status = 0,
                        .signal = 0,
                        .exec = true,
                        .closed = message.closed,
                        .callsReturned = int(log.calls().size())});
        break;
    }
    case K::Start:
        actorOf(message.pid, programName(tracer), false);
        // While stepping, each call waits for its Next (see beginWaitingCall).
        m_waiting.insert(keyOf(tracer, message.id), message);
        if (state() != State::Stepping)
            beginWaitingCall(tracer, message.id);
        break;
    case K::Blocked: {
        const auto flight = m_inFlight.find(keyOf(tracer, message.id));
        if (flight != m_inFlight.end() && !flight->blocked) {
            flight->blocked = true;
            log.markBlocked(flight->seq);
            Q_EMIT canStepChanged();
        }
        break;
    }
    case K::Paused:
        m_paused.append({tracer, message.id});
        Q_EMIT canStepChanged();
        break;
    case K::Call:
        onCallFinished(tracer, message);
        break;
    case K::Reach:
        m_following.follow(message.address, message.bound);
        break;
    case K::Hold:
        m_following.hold(tracer, message.id);
        break;
    case K::Stopped:
        say(tr("%1 was stopped by %2: it waits, and its calls with it, until a SIGCONT lets it "
               "go on (kill -CONT %3).")
                .arg(actorOf(message.pid, programName(tracer), false), signalName(message.signal))
                .arg(message.pid));
        break;
    case K::Continued:
        say(tr("%1 goes on: a SIGCONT continued it.")
                .arg(actorOf(message.pid, programName(tracer), false)));
        break;
    case K::Detached:
        // Not ended: it goes on, with its sockets, unseen from now on.
        m_liveProcesses.remove(message.pid);
        say(tr("%1 goes on without SocketScope: it is no longer traced.")
                .arg(actorOf(message.pid, programName(tracer), false)));
        break;
    case K::Exit:
    case K::Killed:
        onEnd(tracer, message);
        break;
    }
}

void TraceSource::onRefused(int tracer, const TraceMessage& message)
{
    const ErrnoInfo error = errnoInfo(message.error);
    const QString program = programName(tracer);
    switch (message.refusal) {
    case TraceMessage::Refusal::Exec:
        say(tr("%1 could not be started: %2 (%3). %4")
                .arg(program, error.name, error.message, whyNotStarted(message.error)));
        break;
    case TraceMessage::Refusal::Ptrace:
        say(tr("The system refused to trace %1: ptrace() failed with %2 (%3). Tracing "
               "needs ptrace: /proc/sys/kernel/yama/ptrace_scope must be 0 or 1 (2 keeps it "
               "for the administrator, 3 for nobody), and a container must allow it.")
                .arg(program, error.name, error.message));
        break;
    case TraceMessage::Refusal::Attach:
        say(tr("SocketScope could not attach to %1: ptrace() failed with %2 (%3). %4")
                .arg(program, error.name, error.message,
                     whyNotAttached(message.error, yamaPtraceScope())));
        break;
    case TraceMessage::Refusal::Seccomp:
        say(tr("The system refused the filter that picks %1's socket calls: seccomp "
               "failed with %2 (%3). The kernel must have seccomp filters "
               "(CONFIG_SECCOMP_FILTER).")
                .arg(program, error.name, error.message));
        break;
    }
}

void TraceSource::onCallFinished(int tracer, const TraceMessage& message)
{
    EventLog& log = writableLog();
    CallEvent event = message.event;
    event.actor = actorOf(event.pid, programName(tracer), false);
    // A call the tracer let go before a pause reached it.
    beginWaitingCall(tracer, message.id);
    CallInFlight flight = m_inFlight.take(keyOf(tracer, message.id));
    if (flight.seq == 0)
        flight =
            beginCall(event.actor, event.call,
                      Calls::has(event.call, CallTrait::TakesDescriptor) ? event.arguments.fd : -1,
                      event.tNs);
    event.seq = flight.seq;
    event.step = flight.step;
    event.blocked = flight.blocked;
    if (Calls::has(event.call, CallTrait::StartsActor) && event.ret > 0)
        event.childActor = actorOf(event.ret, programName(tracer), sharesTable(event));
    m_tuples.follow(event);
    log.appendCall(event);
    m_flow.onCallFinished(event);
    if (!log.packets().isEmpty())
        m_relinkTimer.start();
    Q_EMIT canStepChanged();
}

void TraceSource::onEnd(int tracer, const TraceMessage& message)
{
    using K = TraceMessage::Kind;
    const QString actor = actorOf(message.pid, programName(tracer), false);
    const bool thread = m_threads.remove(message.pid);
    m_liveProcesses.remove(message.pid);
    if (message.pid == m_firstPid)
        m_exitStatus = message.kind == K::Exit ? message.status : 128 + message.signal;
    Q_EMIT processEnded(actor, message.status, message.kind == K::Killed ? message.signal : 0);
    endCallsInFlight([&](qint64, const CallInFlight& flight) { return flight.pid == message.pid; });
    forgetPausedCalls(tracer, message.pid);
    if (!thread) {
        // How each process ended, where a scenario says whether its outcome happened.
        say(message.kind == K::Exit
                ? tr("%1 ended with status %2.").arg(actor).arg(message.status)
                : tr("%1 was killed by %2.").arg(actor, signalName(message.signal)));
        // The kernel closed what the process held, whether exit_group said so or not.
        endProcess({.seq = m_sequence->fetch_add(1),
                    .tNs = message.tNs,
                    .actor = actor,
                    .status = message.status,
                    .signal = message.signal,
                    .exec = false,
                    .closed = {},
                    .callsReturned = int(writableLog().calls().size())});
    }
    Q_EMIT canStepChanged();
}

QString TraceSource::signalName(int signal)
{
    const char* abbreviation = sigabbrev_np(signal);
    return abbreviation ? QStringLiteral("SIG") + QLatin1StringView(abbreviation)
                        : QString::number(signal);
}

} // namespace SocketScope
