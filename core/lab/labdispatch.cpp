// Which calls each command of the lab's console makes, from its typed words.
#include "lab/labmessage.h"
#include "lab/labsession.h"

#include <sys/socket.h>

namespace SocketScope {

namespace {

// What a scenario file takes: a saved lab session reads back.
constexpr int maxTimeoutMs = 3'600'000;

} // namespace

bool LabSession::plan()
{
    const auto word = [this](int i) {
        return m_words.value(i);
    };
    const auto failed = [this](const QString& error) {
        print(error, Output::Error);
        return false;
    };
    QString error;
    const auto id = [&](int i) {
        return resolveId(word(i));
    };
    // A socket's id, then an address of its family: bind, connect, sendto.
    const auto idAndAddress = [&]() -> std::optional<std::pair<int, SocketAddress>> {
        const auto socket = id(0);
        if (!socket)
            return std::nullopt;
        const int domain = m_sockets[*socket].domain;
        const auto address =
            domain == AF_UNIX ? parseLabPath(word(1), &error) : addressOf(word(1), word(2), domain);
        if (!address) {
            if (domain == AF_UNIX)
                print(error, Output::Error);
            return std::nullopt;
        }
        return std::pair(*socket, *address);
    };
    const auto count = [&](int i, int byDefault) {
        return parseLabCount(word(i), byDefault, labMessageLimit, &error);
    };
    const auto message = [&](int i) {
        return decodeLabMessage(word(i), labPayload(m_line.flags), &error);
    };
    int flags = labMessageFlags(m_line.flags);

    const LabVerb verb = m_line.command->verb;
    switch (verb) {
    case LabVerb::Socket:
    case LabVerb::Socket6: {
        const int domain = verb == LabVerb::Socket6 ? AF_INET6 : AF_INET;
        if (m_mode == LabMode::Udp) {
            planUdpSocket(domain);
            return true;
        }
        const std::optional<LabSocketProtocol> protocol = parseLabSocketProtocol(word(0), &error);
        if (!protocol)
            return failed(error);
        if (protocol->domain == AF_UNIX && domain == AF_INET6)
            return failed(tr("*** socket6 makes IPv6 sockets: type socket %1").arg(word(0)));
        planSocket(protocol->domain == AF_UNIX ? AF_UNIX : domain, protocol->type, true,
                   m_line.flags.testFlag(LabFlag::Dual));
        return true;
    }
    case LabVerb::Bind: {
        const auto target = idAndAddress();
        if (!target)
            return false;
        planBind(target->first, target->second, true);
        return true;
    }
    case LabVerb::Listen: {
        const auto socket = id(0);
        const auto backlog =
            socket ? parseLabCount(word(1), 5, 65535, &error) : std::optional<int>();
        if (!socket || !backlog)
            return socket ? failed(error) : false;
        planListen(*socket, *backlog);
        return true;
    }
    case LabVerb::Accept: {
        const auto socket = id(0);
        if (!socket)
            return false;
        planAccept(*socket);
        return true;
    }
    case LabVerb::Connect:
    case LabVerb::Connect6: {
        if (m_mode == LabMode::Tcp) {
            const int domain = verb == LabVerb::Connect6 ? AF_INET6 : AF_INET;
            const auto address = addressOf(word(0), word(1), domain);
            if (!address)
                return false;
            planTcpShortcut(domain, false, *address);
            return true;
        }
        const auto target = idAndAddress();
        if (!target)
            return false;
        planConnect(target->first, target->second);
        return true;
    }
    case LabVerb::Passive:
    case LabVerb::Passive6:
        planTcpShortcut(verb == LabVerb::Passive6 ? AF_INET6 : AF_INET, true, {});
        return true;
    case LabVerb::Close: {
        const auto socket = id(0);
        if (!socket)
            return false;
        planClose(*socket);
        return true;
    }
    case LabVerb::Shutdown: {
        const auto socket = id(0);
        const auto how = socket ? parseLabDirection(word(1), &error) : std::nullopt;
        if (!socket || !how)
            return socket ? failed(error) : false;
        planShutdown(*socket, *how);
        return true;
    }
    case LabVerb::Read:
    case LabVerb::Recv:
    case LabVerb::RecvFrom:
    case LabVerb::Urecv: {
        const auto socket = id(0);
        if (!socket)
            return false;
        if (verb == LabVerb::Urecv)
            flags |= MSG_OOB;
        // One urgent byte: socklab's -oob reads 1 byte whatever the count.
        const auto size = (flags & MSG_OOB) ? std::optional(1) : count(1, 100);
        if (!size)
            return failed(error);
        const Call call = verb == LabVerb::Read       ? Call::Read
                          : verb == LabVerb::RecvFrom ? Call::RecvFrom
                                                      : Call::Recv;
        planReceive(call, *socket, *size, call == Call::Read ? 0 : flags);
        return true;
    }
    case LabVerb::Write:
    case LabVerb::Send:
    case LabVerb::Usend: {
        const auto socket = id(0);
        if (!socket)
            return false;
        const auto bytes = message(1);
        if (!bytes)
            return failed(error);
        if (verb == LabVerb::Usend)
            flags |= MSG_OOB;
        planSend(verb == LabVerb::Write ? Call::Write : Call::Send, *socket, *bytes,
                 verb == LabVerb::Write ? 0 : flags);
        return true;
    }
    case LabVerb::SendTo: {
        const auto target = idAndAddress();
        if (!target)
            return false;
        const auto bytes = message(3);
        if (!bytes)
            return failed(error);
        planSend(Call::SendTo, target->first, *bytes, flags, target->second);
        return true;
    }
    case LabVerb::GetSockName:
    case LabVerb::GetPeerName: {
        const auto socket = id(0);
        if (!socket)
            return false;
        planSockName(verb == LabVerb::GetSockName ? Call::GetSockName : Call::GetPeerName, *socket);
        return true;
    }
    case LabVerb::Select:
    case LabVerb::Poll: {
        QStringList words = m_words;
        int timeoutMs = -1;
        if (words.size() >= 2) {
            const auto timeout = parseLabTimeout(words.takeLast(), &error);
            if (!timeout)
                return failed(error);
            if (*timeout > maxTimeoutMs)
                return failed(tr("*** %1 ms is more than an hour: wait %2 ms at most")
                                  .arg(*timeout)
                                  .arg(maxTimeoutMs));
            timeoutMs = *timeout;
        }
        if (words.isEmpty() && m_current >= 0)
            words << QStringLiteral(".");
        QList<int> ids;
        for (const QString& each : std::as_const(words)) {
            const auto socket = resolveId(each);
            if (!socket)
                return false;
            ids << *socket;
        }
        if (ids.isEmpty())
            return failed(tr("*** no socket to wait on: create one first"));
        planPoll(verb == LabVerb::Select ? Call::Select : Call::Poll, ids, timeoutMs);
        return true;
    }
    case LabVerb::Terminal:
        return switchTerminal(word(0));
    case LabVerb::Help:
        for (const QString& line : labHelp(m_mode, m_words))
            print(line);
        return true;
    case LabVerb::Status:
        for (const QString& line : statusTable())
            print(line);
        return true;
    case LabVerb::Quit:
    case LabVerb::Exit:
        Q_EMIT quitRequested();
        return true;
    case LabVerb::Options:
        return planOptions();
    case LabVerb::Msocket:
    case LabVerb::Mjoin:
    case LabVerb::Mleave:
    case LabVerb::Mbind:
    case LabVerb::Mrecvfrom:
    case LabVerb::Msendto:
    case LabVerb::Bsend:
        return planMulticast(verb);
    case LabVerb::GetAddrInfo:
        return planAddrInfo();
    }
    return false;
}

} // namespace SocketScope
