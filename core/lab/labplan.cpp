// How each lab command becomes real calls: socklab's commands, one or a few calls each.
#include "calls/displaytext.h"
#include "calls/reach.h"
#include "lab/labmessage.h"
#include "lab/labsession.h"

#include <cerrno>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>

namespace SocketScope {

namespace {

// The lab's servers answer on the loopback unless the user types another address:
// socklab's passive and UDP sockets take any address, the lab does not (see `help`).
SocketAddress loopback(int domain, quint16 port)
{
    return *SocketAddress::fromIp(
        domain == AF_INET6 ? QStringLiteral("::1") : QStringLiteral("127.0.0.1"), port);
}

QString hostAndPort(const SocketAddress& address)
{
    // An AF_UNIX peer has a path only if it was bound to one.
    if (address.family() == AF_UNIX)
        return address.host().isEmpty() ? LabSession::tr("an unnamed AF_UNIX socket (no path)")
                                        : address.host();
    return QStringLiteral("%1 (%2)").arg(address.host()).arg(address.port());
}

// Where a bind, a connect or a sendto goes: an AF_UNIX path as the scenario files write it.
void setTarget(ScenarioStep& step, const SocketAddress& address)
{
    if (address.family() == AF_UNIX) {
        step.path = address.host();
        return;
    }
    step.address = address;
    step.port = address.port();
}

} // namespace

ScenarioStep LabSession::callStep(Call call) const
{
    ScenarioStep step;
    step.actor = terminalActor(m_terminal);
    step.call = call;
    step.expect.mayFail = true; // the lab shows what happens; nothing is expected
    // The narration of a lab step is the command that made it, as the user gave it.
    const Narration typed = Narrations::words(m_commandText);
    step.narration = {typed, typed};
    return step;
}

int LabSession::newSocketId() const
{
    return m_lastEvent.failed() ? -1 : m_lastEvent.resultFd();
}

std::optional<int> LabSession::resolveId(const QString& word)
{
    QString error;
    const std::optional<LabId> id = parseLabId(word, &error);
    if (!id) {
        print(error, Output::Error);
        return std::nullopt;
    }
    const int value = id->current ? m_current : id->id;
    if (value < 0) {
        print(tr("*** no current socket: create one first, or give its id"), Output::Error);
        return std::nullopt;
    }
    if (!m_sockets.contains(value)) {
        print(tr("*** no socket has id %1 (status lists them)").arg(value), Output::Error);
        return std::nullopt;
    }
    // Two terminals are two programs: one cannot use the other's descriptor.
    if (const int owner = m_sockets.value(value).terminal; owner != m_terminal) {
        print(tr("*** socket %1 is %2's: type terminal %3 to use it")
                  .arg(value)
                  .arg(terminalName(owner))
                  .arg(owner),
              Output::Error);
        return std::nullopt;
    }
    return value;
}

std::optional<SocketAddress> LabSession::addressOf(const QString& hostWord, const QString& portWord,
                                                   int domain)
{
    QString error;
    const std::optional<LabHost> host = parseLabHost(hostWord, &error);
    const std::optional<quint16> port = host ? parseLabPort(portWord, &error) : std::nullopt;
    if (!host || !port) {
        print(error, Output::Error);
        return std::nullopt;
    }
    switch (host->kind) {
    case LabHost::Kind::Any:
        return *SocketAddress::fromIp(
            domain == AF_INET6 ? QStringLiteral("::") : QStringLiteral("0.0.0.0"), *port);
    case LabHost::Kind::Loopback:
        return loopback(domain, *port);
    case LabHost::Kind::Numeric: {
        std::optional<SocketAddress> address = SocketAddress::fromIp(host->text, *port);
        // An IPv4 address for an IPv6 socket: the mapped form, as getaddrinfo gives it.
        if (address && domain == AF_INET6 && address->family() == AF_INET)
            address = SocketAddress::fromIp(QStringLiteral("::ffff:") + host->text, *port);
        if (!address || address->family() != domain) {
            print(tr("*** %1 is not an address of this socket's family").arg(host->text),
                  Output::Error);
            return std::nullopt;
        }
        return address;
    }
    case LabHost::Kind::Name:
        return planResolve(host->text, *port, domain);
    }
    return std::nullopt;
}

void LabSession::planSocket(int domain, int type, bool announce, bool dual)
{
    const QString name = QStringLiteral("s%1").arg(++m_names);
    m_plan.append({[this, domain, type, name] {
                       ScenarioStep step = callStep(Call::Socket);
                       step.arguments.domain = domain;
                       step.arguments.type = type;
                       step.asName = name;
                       return std::optional(step);
                   },
                   [this, domain, type, name, announce](const CallEvent& event) {
                       if (event.failed())
                           return false;
                       m_sockets.insert(event.resultFd(), {name, domain, type, m_terminal});
                       m_current = event.resultFd();
                       if (announce)
                           print(domain == AF_INET6
                                     ? tr("The IPv6 socket identifier is %1").arg(m_current)
                                 : domain == AF_UNIX
                                     ? tr("The AF_UNIX socket identifier is %1").arg(m_current)
                                     : tr("The socket identifier is %1").arg(m_current));
                       return true;
                   }});
    if (domain == AF_INET6) {
        // socklab's socket6: an IPv6-only socket; -dual says so the other way, whatever the
        // system's default (bindv6only).
        m_plan.append({[this, dual] {
                           ScenarioStep step = callStep(Call::SetSockOpt);
                           step.fdName = nameOf(newSocketId());
                           step.arguments.level = IPPROTO_IPV6;
                           step.arguments.option = IPV6_V6ONLY;
                           step.arguments.value.kind = OptionValue::Kind::Integer;
                           step.arguments.value.integer = dual ? 0 : 1;
                           return std::optional(step);
                       },
                       {}});
    }
}

// id < 0: the socket the previous call made.
void LabSession::planBind(int id, const SocketAddress& address, bool announcePort)
{
    m_plan.append(
        {[this, id, address] {
             ScenarioStep step = callStep(Call::Bind);
             step.fdName = nameOf(id >= 0 ? id : m_current);
             setTarget(step, target(address));
             return std::optional(step);
         },
         [this, address, announcePort](const CallEvent& event) {
             if (event.failed())
                 return false;
             if (announcePort && address.family() != AF_UNIX && address.port() == 0)
                 print(tr("The socket was attributed port %1.").arg(event.after.local.port()));
             if (reachableFromOtherMachines(event.after.local))
                 print(tr("Warning: bound to %1, this socket is reachable from other machines.")
                           .arg(event.after.local.endpoint()));
             return true;
         }});
}

void LabSession::planListen(int id, int backlog)
{
    m_plan.append({[this, id, backlog] {
                       ScenarioStep step = callStep(Call::Listen);
                       step.fdName = nameOf(id >= 0 ? id : m_current);
                       step.arguments.backlog = backlog;
                       return std::optional(step);
                   },
                   {}});
}

void LabSession::planAccept(int id)
{
    const QString name = QStringLiteral("s%1").arg(++m_names);
    m_plan.append(
        {[this, id, name] {
             ScenarioStep step = callStep(Call::Accept);
             step.fdName = nameOf(id);
             step.asName = name;
             return std::optional(step);
         },
         [this, id, name](const CallEvent& event) {
             if (event.failed())
                 return false;
             const LabSocket listener = m_sockets.value(id);
             m_sockets.insert(event.resultFd(), {name, listener.domain, listener.type, m_terminal});
             m_current = event.resultFd();
             print(tr("A connection from %1 was received.")
                       .arg(hostAndPort(event.results.returnedAddress)));
             print(tr("Connection is established, with socket ID %1.").arg(m_current));
             return true;
         }});
}

void LabSession::planConnect(int id, const SocketAddress& address)
{
    m_plan.append({[this, id, address] {
                       ScenarioStep step = callStep(Call::Connect);
                       step.fdName = nameOf(id >= 0 ? id : m_current);
                       setTarget(step, target(address));
                       return std::optional(step);
                   },
                   [this](const CallEvent& event) {
                       if (event.failed())
                           return false;
                       print(tr("Connection established."));
                       return true;
                   }});
}

void LabSession::planClose(int id)
{
    m_plan.append({[this, id] {
                       ScenarioStep step = callStep(Call::Close);
                       step.fdName = nameOf(id >= 0 ? id : m_current);
                       return std::optional(step);
                   },
                   [this, id](const CallEvent& event) {
                       const int closed = id >= 0 ? id : event.fd();
                       if (event.ret == 0 || event.error != EBADF) {
                           m_sockets.remove(closed);
                           if (m_current == closed)
                               m_current = -1;
                       }
                       return !event.failed();
                   }});
}

void LabSession::planShutdown(int id, int how)
{
    m_plan.append({[this, id, how] {
                       ScenarioStep step = callStep(Call::Shutdown);
                       step.fdName = nameOf(id);
                       step.arguments.how = how;
                       return std::optional(step);
                   },
                   {}});
}

void LabSession::planReceive(Call call, int id, int count, int flags)
{
    m_plan.append(
        {[this, call, id, count, flags] {
             ScenarioStep step = callStep(call);
             step.fdName = nameOf(id);
             step.arguments.count = count;
             step.arguments.flags = flags;
             return std::optional(step);
         },
         [this, call](const CallEvent& event) {
             if (event.failed())
                 return false;
             QString message = DisplayText::quoted(event.results.data, 1000);
             if (event.bytesNotKept > 0)
                 message += QStringLiteral(" (%1)").arg(DisplayText::notKept(event.bytesNotKept));
             if (call == Call::RecvFrom) {
                 print(tr("A message of length %1 bytes was received from %2.")
                           .arg(event.ret)
                           .arg(hostAndPort(event.results.returnedAddress)));
                 print(tr("Message=%1").arg(message));
             } else {
                 print(tr("Read %1 bytes: message=%2").arg(event.ret).arg(message));
             }
             // A stream that gives nothing for a read of something has ended.
             if (event.ret == 0 && event.arguments.count > 0 && event.socketType == SOCK_STREAM)
                 print(tr("The peer closed the connection: read() returned 0, the end "
                          "of the stream. Nothing more will come; close this socket."));
             return true;
         }});
}

void LabSession::planSend(Call call, int id, const QByteArray& bytes, int flags,
                          const SocketAddress& to)
{
    m_plan.append({[this, call, id, bytes, flags, to] {
                       ScenarioStep step = callStep(call);
                       step.fdName = nameOf(id);
                       step.arguments.payload = bytes;
                       step.arguments.flags = flags;
                       if (to.isValid())
                           setTarget(step, target(to));
                       return std::optional(step);
                   },
                   [this](const CallEvent& event) {
                       if (event.failed())
                           return false;
                       print(tr("Sent %1 bytes").arg(event.ret));
                       // Woken inside the kernel, a send returns the bytes it had sent.
                       const qint64 size = event.arguments.payload.size() + event.bytesNotKept;
                       if (event.ret < size && m_interruptAsked)
                           print(tr("*** interrupted: %1 of the %2 bytes were sent, the rest "
                                    "was not")
                                     .arg(event.ret)
                                     .arg(size),
                                 Output::Error);
                       return true;
                   }});
}

void LabSession::planSockName(Call call, int id)
{
    m_plan.append({[this, call, id] {
                       ScenarioStep step = callStep(call);
                       step.fdName = nameOf(id);
                       return std::optional(step);
                   },
                   [this, call](const CallEvent& event) {
                       if (event.failed())
                           return false;
                       const SocketAddress& address = event.results.returnedAddress;
                       const QString text = address.isValid() ? address.endpoint() : tr("none");
                       print(call == Call::GetSockName ? tr("Local address: %1").arg(text)
                                                       : tr("Remote address: %1").arg(text));
                       return true;
                   }});
}

void LabSession::planPoll(Call call, const QList<int>& ids, int timeoutMs)
{
    m_plan.append(
        {[this, call, ids, timeoutMs] {
             ScenarioStep step = callStep(call);
             for (const int id : ids)
                 step.pollTargets.append({nameOf(id), short(POLLIN | POLLPRI)});
             step.arguments.timeoutMs = timeoutMs;
             return std::optional(step);
         },
         [this](const CallEvent& event) {
             if (event.failed())
                 return false;
             if (event.ret == 0)
                 print(tr("No socket is ready (the time ran out)."));
             for (const PollEntry& entry : event.results.ready) {
                 QStringList what;
                 if (entry.revents & POLLIN)
                     what << tr("readable");
                 if (entry.revents & POLLPRI)
                     what << tr("urgent data");
                 if (entry.revents & (POLLHUP | POLLERR))
                     what << tr("hung up or in error");
                 print(tr("Socket %1: %2").arg(entry.fd).arg(what.join(QStringLiteral(", "))));
             }
             return true;
         }});
}

// socklab tcp's passive and connect: a socket, bound, then listening or connected.
void LabSession::planTcpShortcut(int domain, bool passive, const SocketAddress& peer)
{
    planSocket(domain, SOCK_STREAM, false);
    // connect() binds by itself: the port the system chose shows all the same.
    if (passive)
        planBind(-1, loopback(domain, 0), false);
    const auto created = [this, domain, passive](const CallEvent& event) {
        if (event.failed())
            return false;
        const quint16 port = event.after.local.port();
        print(domain == AF_INET6 && passive
                  ? tr("TCP socket created for IPv6: id=%1, port=%2").arg(m_current).arg(port)
                  : tr("TCP socket created: id=%1, port=%2").arg(m_current).arg(port));
        return true;
    };
    if (passive) {
        planListen(-1, 5);
        m_plan.last().report = created;
        return;
    }
    planConnect(-1, peer);
    const auto connected = m_plan.last().report;
    m_plan.last().report = [this, created, connected](const CallEvent& event) {
        // socklab closes the socket whose connection failed; one interrupted has not failed,
        // the kernel dials on: it stays, current.
        if (event.failed() && event.error == EINTR)
            return false;
        if (event.failed()) {
            planClose(-1);
            return true;
        }
        created(event);
        return connected(event);
    };
}

// socklab udp's socket: bound at once to a port the system chooses.
void LabSession::planUdpSocket(int domain)
{
    planSocket(domain, SOCK_DGRAM, false);
    planBind(-1, loopback(domain, 0), false);
    m_plan.last().report = [this](const CallEvent& event) {
        if (event.failed())
            return false;
        print(
            tr("UDP socket created: Id=%1, port=%2").arg(m_current).arg(event.after.local.port()));
        return true;
    };
}

} // namespace SocketScope
