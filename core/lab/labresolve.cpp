// Host names in the lab: a real getaddrinfo() made by the lab actor, so that the lookup is in
// the log like any call; and the getaddrinfo command itself.
#include "lab/labsession.h"

#include <netdb.h>
#include <sys/socket.h>

namespace SocketScope {

namespace {

QString endpointText(const SocketAddress& address)
{
    return QStringLiteral("%1 (%2)").arg(address.host()).arg(address.port());
}

} // namespace

// The calls planned after this one use the first address of the socket's family that
// getaddrinfo() gives (target()); the placeholder returned carries the typed port. When the
// name does not resolve, socklab asks for the host again: so does the lab.
SocketAddress LabSession::planResolve(const QString& name, quint16 port, int domain)
{
    m_plan.append({[this, name, port, domain] {
                       ScenarioStep step = callStep(Call::GetAddrInfo);
                       step.arguments.host = name;
                       step.arguments.service = QString::number(port);
                       step.arguments.domain = domain;
                       step.arguments.flags = AI_NUMERICSERV;
                       return std::optional(step);
                   },
                   [this, domain](const CallEvent& event) {
                       for (const SocketAddress& address : event.results.resolved) {
                           if (event.ret == 0 && address.family() == domain) {
                               m_resolved = address;
                               return true;
                           }
                       }
                       m_hostAgain = true;
                       return false;
                   }});
    const QString any = domain == AF_INET6 ? QStringLiteral("::") : QStringLiteral("0.0.0.0");
    return *SocketAddress::fromIp(any, port);
}

// socklab's "Host? : " again, the words typed after the host kept for the answer.
void LabSession::askHostAgain()
{
    m_hostAgain = false;
    const qsizetype host = m_line.command->arguments.indexOf(LabArgument::Host);
    if (host < 0 || host > m_words.size()) {
        finishCommand();
        return;
    }
    m_wordsAfterHost = m_words.mid(host + 1);
    m_words = m_words.first(host);
    m_asking = true;
    m_asked = LabArgument::Host;
    print(prompt(), Output::Prompt);
}

// getaddrinfo [host] [service]: every address the lookup gives, for the mode's socket type.
bool LabSession::planAddrInfo()
{
    QString error;
    const std::optional<LabHost> host = parseLabHost(m_words.value(0), &error);
    if (!host) {
        print(error, Output::Error);
        return false;
    }
    m_plan.append({[this, host = *host] {
                       ScenarioStep step = callStep(Call::GetAddrInfo);
                       // "*" is the passive (any) address, "." the loopback: both are a null host.
                       if (host.kind == LabHost::Kind::Numeric || host.kind == LabHost::Kind::Name)
                           step.arguments.host = host.text;
                       if (host.kind == LabHost::Kind::Any)
                           step.arguments.flags = AI_PASSIVE;
                       step.arguments.service = m_words.value(1);
                       step.arguments.type = m_mode == LabMode::Udp ? SOCK_DGRAM : SOCK_STREAM;
                       return std::optional(step);
                   },
                   [this](const CallEvent& event) {
                       if (event.failed())
                           return false;
                       for (const SocketAddress& address : event.results.resolved)
                           print(tr("Address: %1").arg(endpointText(address)));
                       return true;
                   }});
    return true;
}

} // namespace SocketScope
