// socklab udp's multicast and broadcast commands: msocket, mjoin, mleave, mbind, mrecvfrom,
// msendto and bsend, each made of real calls by the lab actor.
#include "calls/displaytext.h"
#include "lab/labmessage.h"
#include "lab/labsession.h"

#include <arpa/inet.h>
#include <memory>
#include <netinet/in.h>
#include <sys/socket.h>

namespace SocketScope {

namespace {

class Tr {
    Q_DECLARE_TR_FUNCTIONS(LabConsole)
};

// socklab's msocket: datagrams that cross up to 16 routers.
constexpr int multicastTtl = 16;
// The largest UDP datagram: mrecvfrom never cuts a message short.
constexpr int largestDatagram = 65535;

// mjoin's [local]: the interface the group is joined on; INADDR_ANY lets the kernel choose
// (the one its route to 224.0.0.0/4 goes through).
std::optional<QString> parseInterface(QStringView word, QString* error)
{
    if (word.isEmpty() || word == u"*")
        return QStringLiteral("0.0.0.0");
    if (word == u".")
        return QStringLiteral("127.0.0.1");
    in_addr address{};
    if (inet_pton(AF_INET, word.toLatin1().constData(), &address) != 1) {
        if (error)
            *error = Tr::tr("*** %1 is not the IPv4 address of a local interface (127.0.0.1, "
                            "*, .)")
                         .arg(word);
        return std::nullopt;
    }
    return word.toString();
}

} // namespace

std::optional<QString> parseLabGroup(QStringView word, QString* error)
{
    in_addr address{};
    if (inet_pton(AF_INET, word.toLatin1().constData(), &address) != 1 ||
        !IN_MULTICAST(ntohl(address.s_addr))) {
        if (error)
            *error = Tr::tr("*** %1 is not a multicast group: give an IPv4 address from "
                            "224.0.0.0 to 239.255.255.255")
                         .arg(word);
        return std::nullopt;
    }
    return word.toString();
}

bool LabSession::planMulticast(LabVerb verb)
{
    const auto word = [this](int i) {
        return m_words.value(i);
    };
    const auto failed = [this](const QString& error) {
        print(error, Output::Error);
        return false;
    };
    QString error;
    if (verb == LabVerb::Msocket) {
        planSocket(AF_INET, SOCK_DGRAM, false);
        m_plan.append({[this] {
                           ScenarioStep step = callStep(Call::SetSockOpt);
                           step.fdName = nameOf(newSocketId());
                           step.arguments.level = IPPROTO_IP;
                           step.arguments.option = IP_MULTICAST_TTL;
                           step.arguments.value.kind = OptionValue::Kind::Integer;
                           step.arguments.value.integer = multicastTtl;
                           return std::optional(step);
                       },
                       [this](const CallEvent& event) {
                           if (event.failed())
                               return false;
                           print(tr("UDP socket created: Id=%1").arg(m_current));
                           return true;
                       }});
        return true;
    }
    const std::optional<int> id = resolveId(word(0));
    if (!id)
        return false;
    const int domain = m_sockets[*id].domain;
    if (verb == LabVerb::Mjoin || verb == LabVerb::Mleave) {
        const std::optional<QString> group = parseLabGroup(word(1), &error);
        const std::optional<QString> interface =
            group ? parseInterface(word(2), &error) : std::nullopt;
        if (!group || !interface)
            return failed(error);
        planMembership(*id, verb == LabVerb::Mjoin, *group, *interface);
        return true;
    }
    if (verb == LabVerb::Mbind) {
        // socklab reads the port from the word after it: the lab takes it where usage says.
        const auto address = addressOf(QStringLiteral("*"), word(1), domain);
        if (!address)
            return false;
        planBind(*id, *address, true);
        return true;
    }
    if (verb == LabVerb::Mrecvfrom) {
        const std::optional<int> messages = parseLabCount(word(1), 1, 1000, &error);
        if (!messages)
            return failed(error);
        planMulticastReceive(*id, *messages);
        return true;
    }
    // msendto and bsend: sendto() to a group, or to a broadcast address once allowed.
    if (verb == LabVerb::Msendto && !parseLabGroup(word(1), &error))
        return failed(error);
    const auto to = addressOf(word(1), word(2), domain);
    if (!to)
        return false;
    const auto bytes = decodeLabMessage(word(3), labPayload(m_line.flags), &error);
    if (!bytes)
        return failed(error);
    const int flags = labMessageFlags(m_line.flags);
    if (verb == LabVerb::Bsend) {
        m_plan.append({[this, id = *id] {
                           ScenarioStep step = callStep(Call::SetSockOpt);
                           step.fdName = nameOf(id);
                           step.arguments.level = SOL_SOCKET;
                           step.arguments.option = SO_BROADCAST;
                           step.arguments.value.kind = OptionValue::Kind::Integer;
                           step.arguments.value.integer = 1;
                           return std::optional(step);
                       },
                       {}});
    }
    planSend(Call::SendTo, *id, *bytes, flags, *to);
    return true;
}

void LabSession::planMembership(int id, bool join, const QString& group, const QString& interface)
{
    m_plan.append({[this, id, join, group, interface] {
                       ScenarioStep step = callStep(Call::SetSockOpt);
                       step.fdName = nameOf(id);
                       step.arguments.level = IPPROTO_IP;
                       step.arguments.option = join ? IP_ADD_MEMBERSHIP : IP_DROP_MEMBERSHIP;
                       step.arguments.value.kind = OptionValue::Kind::MulticastRequest;
                       step.arguments.value.group = group;
                       step.arguments.value.interface = interface;
                       return std::optional(step);
                   },
                   [this, join, group](const CallEvent& event) {
                       if (event.failed())
                           return false;
                       print(join ? tr("Done joining group %1.").arg(group)
                                  : tr("Done leaving group %1.").arg(group));
                       return true;
                   }});
}

// socklab's mrecvfrom: `messages` datagrams, one recvfrom() each, timed from the first wait.
void LabSession::planMulticastReceive(int id, int messages)
{
    print(tr("Waiting for incoming messages..."));
    const auto startNs = std::make_shared<qint64>(-1);
    for (int i = 0; i < messages; ++i) {
        m_plan.append(
            {[this, id] {
                 ScenarioStep step = callStep(Call::RecvFrom);
                 step.fdName = nameOf(id);
                 step.arguments.count = largestDatagram;
                 return std::optional(step);
             },
             [this, startNs](const CallEvent& event) {
                 if (*startNs < 0)
                     *startNs = event.tNs;
                 if (event.failed())
                     return false;
                 const double seconds = double(event.tNs + event.durationNs - *startNs) / 1e9;
                 const SocketAddress& from = event.results.returnedAddress;
                 print(tr("Received a message of length %1 bytes.").arg(event.ret));
                 print(
                     tr("Message received: %1").arg(DisplayText::quoted(event.results.data, 1000)));
                 print(tr("Received from %1 in %2 seconds")
                           .arg(QStringLiteral("%1 (%2)").arg(from.host()).arg(from.port()))
                           .arg(seconds, 0, 'f', 3));
                 return true;
             }});
    }
}

} // namespace SocketScope
