#include "engine/actor.h"

#include "calls/byteorder.h"
#include "calls/callresult.h"
#include "calls/errnoinfo.h"
#include "calls/tupletracker.h"
#include "kernel/kernelsocketstate.h"

#include <algorithm>
#include <netinet/in.h>
#include <sys/un.h>
#include <unistd.h>

namespace SocketScope {

Actor::Actor(const QString& id, std::shared_ptr<std::atomic<qint64>> sequence)
    : m_id(id)
    , m_sequence(std::move(sequence))
{
}

Actor::~Actor()
{
    // Whatever the scenario left open does not outlive the session. A child's descriptors
    // are in its own process, which ends with m_child.
    if (m_child)
        return;
    for (auto it = m_open.cbegin(); it != m_open.cend(); ++it) {
        if (!m_shared.contains(it.key()))
            ::close(it.key());
    }
}

void Actor::cancel()
{
    m_calls.cancel();
    if (const std::shared_ptr<ChildProcess> child = std::atomic_load(&m_child))
        child->kill();
}

void Actor::adoptFork(const Fork& fork)
{
    std::atomic_store(&m_child, fork.process);
    m_fdNames = fork.fdNames;
    m_open = fork.open;
    m_addresses = fork.addresses;
    if (!fork.process) {
        const QList<int> shared = m_open.keys();
        m_shared = QSet<int>(shared.cbegin(), shared.cend());
    }
}

void Actor::forgetDescriptor(int fd)
{
    m_open.remove(fd);
    m_shared.remove(fd);
}

void Actor::performThreadCreate(const StepCommand& command)
{
    // A thread of this very process: nothing to start, the next steps of that actor run on
    // a thread of their own and use the same descriptors (threads share the table).
    CallEvent event = eventOf(announce(QStringLiteral("pthread_create"), command.index, -1));
    event.childActor = command.step.childActor;
    event.ret = 0;
    Q_EMIT forked(Fork{command.step.childActor, nullptr, m_fdNames, m_open, m_addresses});
    Q_EMIT callFinished(event);
}

void Actor::performFork(const StepCommand& command)
{
    CallEvent event = eventOf(announce(QStringLiteral("fork"), command.index, -1));
    event.childActor = command.step.childActor;
    int error = 0;
    const std::shared_ptr<ChildProcess> child = ChildProcess::spawn(m_open.keys(), &error);
    CallResult::setResult(event, child ? child->pid() : -1, error);
    if (!child)
        event.errnoExplanation = tr("SocketScope could not start its child-process program %1.")
                                     .arg(ChildProcess::programPath());
    event.durationNs = monotonicNowNs() - event.tNs;
    if (child)
        Q_EMIT forked(Fork{command.step.childActor, child, m_fdNames, m_open, m_addresses});
    Q_EMIT callFinished(event);
}

socklen_t Actor::addressCapacity(int fd) const
{
    switch (m_open.value(fd).domain) {
    case AF_INET:
        return sizeof(sockaddr_in);
    case AF_INET6:
        return sizeof(sockaddr_in6);
    case AF_UNIX:
        return sizeof(sockaddr_un);
    default:
        return sizeof(sockaddr_storage);
    }
}

int Actor::ownDescriptor(const QString& name) const
{
    // A name whose call failed holds -1, as the C variable would: the call then really fails
    // (EBADF). So does a name whose descriptor this actor closed: in a process of its own its
    // number would be free, whereas here another actor may have been given it.
    const int fd = m_fdNames.value(name, -1);
    return m_open.contains(fd) ? fd : -1;
}

CallRequest Actor::resolve(const StepCommand& command) const
{
    const ScenarioStep& step = command.step;
    CallRequest request;
    request.call = step.call;
    request.fd = ownDescriptor(step.fdName);
    request.domain = step.domain;
    request.type = step.type;
    request.protocol = step.protocol;
    request.backlog = step.backlog;
    request.payload = step.payload;
    request.count = step.count;
    request.flags = step.flags;
    request.how = step.how;
    request.level = step.level;
    request.option = step.option;
    request.optionValue = step.value;
    request.lingerSeconds = step.lingerSeconds;
    request.group = step.group;
    request.interfaceAddress = step.interfaceAddress;
    request.timeoutMs = step.timeoutMs;
    request.host = step.host;
    request.service = step.service;
    request.addressCapacity = addressCapacity(request.fd);
    request.descriptorIsNonBlocking = m_open.value(request.fd).type & SOCK_NONBLOCK;
    for (const auto& target : step.pollTargets)
        request.pollItems.append({ownDescriptor(target.fdName), target.events});

    // Paths and numeric addresses were validated when the scenario was loaded.
    if (!step.path.isEmpty()) {
        QString path = step.path;
        if (path.startsWith(QLatin1String("$dir/")))
            path = command.sessionFolder + path.mid(4);
        request.address = SocketAddress::fromUnixPath(path).value_or(SocketAddress());
    } else if (step.address.startsWith(QLatin1Char('$'))) {
        request.address = m_addresses.value(step.address.mid(1));
    } else if (!step.address.isEmpty()) {
        quint16 port = step.usesServicePort ? command.servicePort : step.port;
        if (step.portWithoutHtons)
            port = ByteOrder::portWithoutHtons(port);
        request.address = SocketAddress::fromIp(step.address, port).value_or(SocketAddress());
    }
    return request;
}

CallStart Actor::announce(const QString& call, int stepIndex, int fd)
{
    CallStart start;
    start.seq = m_sequence->fetch_add(1);
    start.step = stepIndex;
    start.tNs = monotonicNowNs();
    start.actor = m_id;
    start.call = call;
    start.fd = fd;
    Q_EMIT callStarted(start);
    return start;
}

CallEvent Actor::eventOf(const CallStart& start) const
{
    CallEvent event;
    event.seq = start.seq;
    event.step = start.step;
    event.tNs = start.tNs;
    event.actor = m_id;
    event.call = start.call;
    event.fd = start.fd;
    event.pid = getpid();
    return event;
}

CallEvent Actor::run(const CallRequest& request, int stepIndex)
{
    const CallStart start = announce(request.call, stepIndex, request.fd);
    const auto blocked = [this, &start] {
        Q_EMIT callBlocked(start.seq, start.step);
    };
    CallEvent event;
    if (m_child) {
        const Descriptor descriptor = m_open.value(request.fd);
        qint64 pid = 0;
        event = m_child->call(request, descriptor.domain, descriptor.type, blocked, &pid);
        event.pid = pid;
    } else {
        event = m_calls.perform(request, blocked);
        event.pid = getpid();
    }
    event.durationNs = event.tNs + event.durationNs - start.tNs;
    event.tNs = start.tNs;
    event.seq = start.seq;
    event.step = stepIndex;
    event.actor = m_id;
    return event;
}

void Actor::perform(const StepCommand& command)
{
    const CallRequest request = resolve(command);
    const Descriptor before = m_open.value(request.fd);
    if (m_calls.isCancelled()) {
        // The session is stopping: a step still queued here is not performed at all.
        CallEvent event;
        event.seq = m_sequence->fetch_add(1);
        event.step = command.index;
        event.tNs = monotonicNowNs();
        event.actor = m_id;
        event.call = request.call;
        event.fd = request.fd;
        event.args = request.fd >= 0 ? QStringLiteral("%1, ...").arg(request.fd) : QString();
        event.cancelled = true;
        event.ret = -1;
        Q_EMIT callFinished(event);
        return;
    }
    if (command.step.call == QLatin1String("fork")) {
        performFork(command);
        return;
    }
    if (command.step.call == QLatin1String("pthread_create")) {
        performThreadCreate(command);
        return;
    }
    CallEvent event = run(request, command.index);
    remember(command, request, event);
    const Descriptor after = m_open.value(event.resultFd, before);
    event.family = after.domain;
    event.socketType = after.type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (event.errnoValue != 0 && !event.errnoName.startsWith(QLatin1String("EAI_")))
        event.errnoExplanation =
            errnoExplanationFor(event.errnoValue, event.call, event.family, event.socketType);
    describeResultDescriptor(event);
    followTuple(request, event, before.tuple);
    Q_EMIT callFinished(event);
}

void Actor::remember(const StepCommand& command, const CallRequest& request, const CallEvent& event)
{
    const ScenarioStep& step = command.step;
    const QString& call = request.call;
    if (call == QLatin1String("socket")) {
        m_fdNames.insert(step.asName, int(event.ret));
        if (event.ret >= 0)
            m_open.insert(int(event.ret), Descriptor{request.domain, request.type, {}});
    } else if (call.startsWith(QLatin1String("accept"))) {
        m_fdNames.insert(step.asName, int(event.ret));
        if (event.ret >= 0) {
            Descriptor listener = m_open.value(request.fd);
            const int baseType = listener.type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC);
            m_open.insert(int(event.ret),
                          Descriptor{listener.domain, baseType | request.flags, {}});
        }
    } else if (call == QLatin1String("close")) {
        if (event.ret == 0 || event.errnoValue != EBADF)
            m_open.remove(request.fd);
    }
    if (!step.addressAs.isEmpty() && event.returnedAddress.isValid())
        m_addresses.insert(step.addressAs, event.returnedAddress);
}

void Actor::followTuple(const CallRequest& request, CallEvent& event, const SocketTuple& before)
{
    if (event.call.startsWith(QLatin1String("accept")) && event.ret >= 0) {
        event.tuple = TupleTracker::accepted(before, event);
    } else {
        event.tuple = before;
        TupleTracker::apply(event.tuple, request, event);
    }
    // A closed descriptor keeps its last quintuplet in the event, and nowhere else.
    if (m_open.contains(event.resultFd))
        m_open[event.resultFd].tuple = event.tuple;
}

void Actor::describeResultDescriptor(CallEvent& event) const
{
    if (event.resultFd < 0 || !m_open.contains(event.resultFd) ||
        event.call == QLatin1String("close"))
        return;
    // A child process read its own descriptor's state: this process may have closed it.
    if (m_child)
        return;
    const Descriptor descriptor = m_open.value(event.resultFd);
    const KernelSocketState state =
        readKernelSocketState(event.resultFd, descriptor.domain, descriptor.type);
    event.local = state.local;
    event.peer = state.peer;
    event.tcpState = state.tcpState;
}

void Actor::closeLeftovers()
{
    for (const int fd : std::as_const(m_shared))
        m_open.remove(fd); // the creating thread closes those
    QList<int> fds = m_open.keys();
    std::sort(fds.begin(), fds.end());
    for (int fd : fds) {
        CallRequest request;
        request.call = QStringLiteral("close");
        request.fd = fd;
        const CallEvent event = run(request, -1);
        m_open.remove(fd);
        Q_EMIT callFinished(event);
    }
    Q_EMIT leftoversClosed(m_id);
}

} // namespace SocketScope
