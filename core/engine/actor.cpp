#include "engine/actor.h"

#include "calls/byteorder.h"
#include "calls/errnoinfo.h"
#include "calls/tupletracker.h"
#include "kernel/descriptorstate.h"
#include "kernel/peerowner.h"
#include "logging.h"

#include <algorithm>
#include <fcntl.h>
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

void Actor::interrupt()
{
    m_calls.interrupt();
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
    CallEvent event = eventOf(announce(Call::PthreadCreate, command.index, -1));
    event.childActor = command.step.childActor;
    event.ret = 0;
    Q_EMIT forked(Fork{command.step.childActor, nullptr, m_fdNames, m_open, m_addresses});
    Q_EMIT callFinished(event);
}

void Actor::performFork(const StepCommand& command)
{
    CallEvent event = eventOf(announce(Call::Fork, command.index, -1));
    event.childActor = command.step.childActor;
    int error = 0;
    const std::shared_ptr<ChildProcess> child = ChildProcess::spawn(m_open.keys(), &error);
    event.ret = child ? child->pid() : -1;
    event.error = child ? 0 : error;
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
    CallArguments& a = request.arguments;
    a = step.arguments;
    a.fd = ownDescriptor(step.fdName);
    const Descriptor descriptor = m_open.value(a.fd);
    request.descriptorDomain = descriptor.domain;
    request.descriptorType = descriptor.type;
    if (Calls::has(step.call, CallTrait::ReturnsAddress) && step.call != Call::GetAddrInfo)
        a.addressCapacity = addressCapacity(a.fd);
    for (const auto& target : step.pollTargets)
        a.pollItems.append({ownDescriptor(target.fdName), target.events, 0});

    // Paths and numeric addresses were validated when the scenario was loaded.
    if (!step.path.isEmpty()) {
        QString path = step.path;
        if (path.startsWith(QLatin1String("$dir/")))
            path = command.sessionFolder + path.mid(4);
        a.address = SocketAddress::fromUnixPath(path).value_or(SocketAddress());
    } else if (!step.addressName.isEmpty()) {
        a.address = m_addresses.value(step.addressName);
    } else if (step.address.isValid()) {
        quint16 port = step.usesServicePort ? command.servicePort : step.port;
        if (step.portWithoutHtons)
            port = ByteOrder::portWithoutHtons(port);
        a.address = step.address;
        a.address.setPort(port);
    }
    return request;
}

CallStart Actor::announce(Call call, int stepIndex, int fd)
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
    event.pid = getpid();
    return event;
}

CallEvent Actor::run(const CallRequest& request, int stepIndex)
{
    const CallStart start = announce(request.call, stepIndex, request.arguments.fd);
    const auto blocked = [this, &start] {
        Q_EMIT callBlocked(start.seq, start.step);
    };
    CallEvent event;
    if (m_child) {
        qint64 pid = 0;
        event = m_child->call(request, blocked, &pid);
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
    const Descriptor before = m_open.value(request.arguments.fd);
    if (m_calls.isCancelled()) {
        // The session is stopping: a step still queued here is not performed at all.
        CallEvent event = eventOf(announce(request.call, command.index, request.arguments.fd));
        event.arguments = request.arguments;
        event.cancelled = true;
        event.ret = -1;
        Q_EMIT callFinished(event);
        return;
    }
    if (Calls::has(command.step.call, CallTrait::StartsActor)) {
        // fork(): a child process; pthread_create(): a thread of this process.
        if (command.step.call == Call::Fork)
            performFork(command);
        else
            performThreadCreate(command);
        return;
    }
    CallEvent event = run(request, command.index);
    qCDebug(lcEngine).noquote() << m_id << "step" << command.index + 1 << event.straceLine();
    remember(command, request, event);
    const Descriptor after = m_open.value(event.resultFd(), before);
    event.family = after.domain;
    event.socketType = after.type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC);
    describeResultDescriptor(event);
    followTuple(event, before.tuple);
    Q_EMIT callFinished(event);
}

void Actor::remember(const StepCommand& command, const CallRequest& request, const CallEvent& event)
{
    const ScenarioStep& step = command.step;
    const CallArguments& a = request.arguments;
    if (Calls::has(request.call, CallTrait::MakesDescriptor))
        m_fdNames.insert(step.asName, int(event.ret));
    if (event.resultFd() >= 0 && request.call == Call::Socket) {
        m_open.insert(event.resultFd(), Descriptor{a.domain, a.type, {}});
    } else if (event.resultFd() >= 0 && Calls::has(request.call, CallTrait::MakesDescriptor)) {
        // accept(): the listener's family and type, with accept4's own flags.
        const Descriptor listener = m_open.value(a.fd);
        const int baseType = listener.type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC);
        const int flags = request.call == Call::Accept4 ? a.flags : 0;
        m_open.insert(event.resultFd(), Descriptor{listener.domain, baseType | flags, {}});
    } else if (Calls::has(request.call, CallTrait::ReleasesDescriptor) &&
               (event.ret == 0 || event.error != EBADF)) {
        m_open.remove(a.fd);
    } else if (request.call == Call::Fcntl && event.ret >= 0 && m_open.contains(a.fd) &&
               (a.command == F_GETFL || a.command == F_SETFL)) {
        // What the kernel now says of O_NONBLOCK: the next calls wait, or not, as it does.
        const qint64 flags = a.command == F_GETFL ? event.ret : a.commandArgument;
        int& type = m_open[a.fd].type;
        type = (flags & O_NONBLOCK) ? (type | SOCK_NONBLOCK) : (type & ~SOCK_NONBLOCK);
    }
    if (!step.addressAs.isEmpty() && event.results.returnedAddress.isValid())
        m_addresses.insert(step.addressAs, event.results.returnedAddress);
}

void Actor::followTuple(CallEvent& event, const SocketTuple& before)
{
    if (Calls::has(event.call, CallTrait::MakesDescriptor) && event.call != Call::Socket &&
        !event.failed()) {
        event.tuple = TupleTracker::accepted(before, event);
    } else {
        event.tuple = before;
        TupleTracker::apply(event.tuple, event);
    }
    // A closed descriptor keeps its last quintuplet in the event, and nowhere else.
    if (m_open.contains(event.resultFd()))
        m_open[event.resultFd()].tuple = event.tuple;
}

void Actor::describeResultDescriptor(CallEvent& event) const
{
    // A child process read its own descriptor's state: this process may have closed it.
    if (m_child || !m_open.contains(event.resultFd()) ||
        Calls::has(event.call, CallTrait::ReleasesDescriptor))
        return;
    const Descriptor descriptor = m_open.value(event.resultFd());
    event.after = readDescriptorState(event.resultFd(), descriptor.domain, descriptor.type);
    const bool joins =
        event.call == Call::Connect || event.call == Call::Accept || event.call == Call::Accept4;
    const bool inet = descriptor.domain == AF_INET || descriptor.domain == AF_INET6;
    if (m_namesOutsidePeers && joins && inet && !event.failed()) {
        const bool datagram = (descriptor.type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC)) == SOCK_DGRAM;
        if (const auto owner = outsidePeerOwner(event.after.local, event.after.peer, datagram)) {
            event.after.peerPid = owner->pid;
            event.after.peerCommand = owner->command;
        }
    }
    // A letter collected from a sender on this machine: the program that posted it.
    const bool collects = event.call == Call::RecvFrom || event.call == Call::RecvMsg;
    const bool udp = (descriptor.type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC)) == SOCK_DGRAM;
    if (m_namesOutsidePeers && collects && inet && udp && !event.failed() && event.ret >= 0) {
        if (const auto owner =
                datagramSenderOwner(event.results.returnedAddress, event.after.local)) {
            event.after.peerPid = owner->pid;
            event.after.peerCommand = owner->command;
        }
    }
}

void Actor::closeLeftovers()
{
    for (const int fd : std::as_const(m_shared))
        m_open.remove(fd); // the creating thread closes those
    QList<int> fds = m_open.keys();
    std::sort(fds.begin(), fds.end());
    for (int fd : fds) {
        CallRequest request;
        request.call = Call::Close;
        request.arguments.fd = fd;
        const CallEvent event = run(request, -1);
        m_open.remove(fd);
        Q_EMIT callFinished(event);
    }
    Q_EMIT leftoversClosed(m_id);
}

} // namespace SocketScope
