#include "lab/labcommand.h"

namespace SocketScope {

namespace {

using A = LabArgument;
using V = LabVerb;

constexpr LabFlags receiveFlags =
    LabFlag::Oob | LabFlag::Peek | LabFlag::WaitAll | LabFlag::DontWait;
constexpr LabFlags sendFlags = LabFlag::Oob | LabFlag::DontRoute | LabFlag::Loop |
                               LabFlag::NoSignal | LabFlag::DontWait | LabFlag::Hex |
                               LabFlag::Escapes;
// usend is send -oob already; write takes no MSG_ flag, only the payload's form.
constexpr LabFlags urgentSendFlags = LabFlag::DontRoute | LabFlag::Loop | LabFlag::NoSignal |
                                     LabFlag::DontWait | LabFlag::Hex | LabFlag::Escapes;
constexpr LabFlags writeFlags = LabFlag::Hex | LabFlag::Escapes;

// What the lab adds to every mode: no letter, so that none of socklab's is taken.
void appendLabCommands(QList<LabCommandSpec>& commands)
{
    commands += {
        {V::Select, "select", 0, "[id]... [timeout-ms]", {A::Ids, A::TimeoutMs}, {}},
        {V::Poll, "poll", 0, "[id]... [timeout-ms]", {A::Ids, A::TimeoutMs}, {}},
        {V::GetSockName, "getsockname", 0, "[id]", {A::Id}, {}},
        {V::GetPeerName, "getpeername", 0, "[id]", {A::Id}, {}},
        {V::GetAddrInfo, "getaddrinfo", 0, "[host] [service]", {A::Host, A::Service}, {}},
        // No letter: socklab's digits and letters stay free.
        {V::Terminal, "terminal", 0, "[1|2]", {A::Terminal}, {}},
    };
}

// socklab.c's cmds_STD, in its order.
QList<LabCommandSpec> standardCommands()
{
    QList<LabCommandSpec> commands = {
        {V::Socket, "socket", 's', "[tcp|udp]", {A::Protocol}, {}},
        {V::Socket6, "socket6", 'n', "[tcp|udp]", {A::Protocol}, LabFlag::Dual},
        {V::Bind, "bind", 'b', "[id] [host] [port]", {A::Id, A::Host, A::Port}, {}},
        {V::Listen, "listen", 'l', "[id] [nb]", {A::Id, A::Backlog}, {}},
        {V::Accept, "accept", 'a', "[id]", {A::Id}, {}},
        {V::Connect, "connect", 'c', "[id] [host] [port]", {A::Id, A::Host, A::Port}, {}},
        {V::Close, "close", 'k', "[id]", {A::Id}, {}},
        {V::Shutdown, "shutdown", 'h', "[id] [in|out|both]", {A::Id, A::Direction}, {}},
        {V::Options, "options", 'o', "[id] [name]...", {A::Id, A::OptionNames}, LabFlag::Get},
        {V::Read, "read", 'r', "[id] [nb]", {A::Id, A::ByteCount}, {}},
        {V::Recv, "recv", 'v', "[id] [nb] [-oob] [-peek]", {A::Id, A::ByteCount}, receiveFlags},
        {V::RecvFrom,
         "recvfrom",
         'f',
         "[id] [nb] [-oob] [-peek]",
         {A::Id, A::ByteCount},
         receiveFlags},
        {V::Write, "write", 'w', "[id] [mesg]", {A::Id, A::Message}, writeFlags},
        {V::Send,
         "send",
         'd',
         "[id] [mesg] [-oob] [-dontroute] [-loop]",
         {A::Id, A::Message},
         sendFlags},
        {V::SendTo,
         "sendto",
         't',
         "[id] [host] [port] [mesg] [-oob] [-dontroute] [-loop]",
         {A::Id, A::Host, A::Port, A::Message},
         sendFlags},
        {V::Help, "help", '?', "[cmd]...", {A::CommandNames}, {}},
        {V::Status, "status", '=', "", {}, {}},
        {V::Quit, "quit", 'q', "", {}, {}},
        {V::Exit, "exit", 'x', "", {}, {}},
    };
    appendLabCommands(commands);
    return commands;
}

// socklab.c's cmds_TCP: its letters differ from the standard mode's.
QList<LabCommandSpec> tcpCommands()
{
    QList<LabCommandSpec> commands = {
        {V::Passive, "passive", 'p', "", {}, {}},
        {V::Passive6, "passive6", 'n', "", {}, {}},
        {V::Accept, "accept", 'a', "[id]", {A::Id}, {}},
        {V::Connect, "connect", 'c', "[host] [port]", {A::Host, A::Port}, {}},
        {V::Connect6, "connect6", 'e', "[host] [port]", {A::Host, A::Port}, {}},
        {V::Close, "close", 'k', "[id]", {A::Id}, {}},
        {V::Shutdown, "shutdown", 'h', "[id] [in|out|both]", {A::Id, A::Direction}, {}},
        {V::Options, "options", 'o', "[id] [name]...", {A::Id, A::OptionNames}, LabFlag::Get},
        {V::Read, "read", 'r', "[id] [nb]", {A::Id, A::ByteCount}, {}},
        {V::Urecv,
         "urecv",
         'v',
         "[id] [nb]",
         {A::Id, A::ByteCount},
         LabFlag::Peek | LabFlag::DontWait},
        {V::Write, "write", 'w', "[id] [mesg]", {A::Id, A::Message}, writeFlags},
        {V::Usend, "usend", 'd', "[id] [mesg]", {A::Id, A::Message}, urgentSendFlags},
        {V::Help, "help", '?', "[cmd]...", {A::CommandNames}, {}},
        {V::Status, "status", '=', "", {}, {}},
        {V::Quit, "quit", 'q', "", {}, {}},
        {V::Exit, "exit", 'x', "", {}, {}},
    };
    appendLabCommands(commands);
    return commands;
}

// socklab.c's cmds_UDP. Its recvfrom and sendto are the standard mode's functions, so they
// take the same flags although the usage does not say so.
QList<LabCommandSpec> udpCommands()
{
    QList<LabCommandSpec> commands = {
        {V::Socket, "socket", 's', "", {}, {}},
        {V::Socket6, "socket6", 'n', "", {}, {}},
        {V::Msocket, "msocket", 'c', "", {}, {}},
        {V::Close, "close", 'k', "[id]", {A::Id}, {}},
        {V::Options, "options", 'o', "[id] [name]...", {A::Id, A::OptionNames}, LabFlag::Get},
        {V::Mjoin, "mjoin", 'j', "[id] [group] [local]", {A::Id, A::Group, A::Interface}, {}},
        {V::Mleave, "mleave", 'l', "[id] [group] [local]", {A::Id, A::Group, A::Interface}, {}},
        {V::Mbind, "mbind", 'b', "[id] [port]", {A::Id, A::Port}, {}},
        {V::RecvFrom, "recvfrom", 'f', "[id] [nb]", {A::Id, A::ByteCount}, receiveFlags},
        {V::Mrecvfrom, "mrecvfrom", 'r', "[id] [nb]", {A::Id, A::MessageCount}, {}},
        {V::SendTo,
         "sendto",
         't',
         "[id] [host] [port] [mesg]",
         {A::Id, A::Host, A::Port, A::Message},
         sendFlags},
        // socklab's usage says [local]; it really asks the group, the port and the message.
        {V::Msendto,
         "msendto",
         'm',
         "[id] [group] [local]",
         {A::Id, A::Group, A::Port, A::Message},
         sendFlags},
        // socklab takes the id on the line, then asks host, port and message as sendto does.
        {V::Bsend, "bsend", 'a', "[id]", {A::Id, A::Host, A::Port, A::Message}, sendFlags},
        {V::Help, "help", '?', "[cmd]...", {A::CommandNames}, {}},
        {V::Status, "status", '=', "", {}, {}},
        {V::Quit, "quit", 'q', "", {}, {}},
        {V::Exit, "exit", 'x', "", {}, {}},
    };
    appendLabCommands(commands);
    return commands;
}

} // namespace

const QList<LabCommandSpec>& labCommands(LabMode mode)
{
    static const QList<LabCommandSpec> standard = standardCommands();
    static const QList<LabCommandSpec> tcp = tcpCommands();
    static const QList<LabCommandSpec> udp = udpCommands();
    switch (mode) {
    case LabMode::Standard:
        return standard;
    case LabMode::Tcp:
        return tcp;
    case LabMode::Udp:
        return udp;
    }
    return standard;
}

const LabCommandSpec* labCommand(LabMode mode, LabVerb verb)
{
    for (const LabCommandSpec& command : labCommands(mode)) {
        if (command.verb == verb)
            return &command;
    }
    return nullptr;
}

const char* labFlagName(LabFlag flag)
{
    switch (flag) {
    case LabFlag::Oob:
        return "oob";
    case LabFlag::Peek:
        return "peek";
    case LabFlag::DontRoute:
        return "dontroute";
    case LabFlag::Loop:
        return "loop";
    case LabFlag::WaitAll:
        return "waitall";
    case LabFlag::DontWait:
        return "dontwait";
    case LabFlag::NoSignal:
        return "nosignal";
    case LabFlag::Hex:
        return "hex";
    case LabFlag::Dual:
        return "dual";
    case LabFlag::Escapes:
        return "esc";
    case LabFlag::Get:
        return "get";
    }
    return "";
}

LabPayload labPayload(LabFlags flags)
{
    if (flags.testFlag(LabFlag::Hex))
        return LabPayload::Hex;
    if (flags.testFlag(LabFlag::Escapes))
        return LabPayload::Escapes;
    return LabPayload::Text;
}

bool labArgumentPrompted(LabArgument argument)
{
    switch (argument) {
    case LabArgument::Protocol:
    case LabArgument::Id:
    case LabArgument::Host:
    case LabArgument::Port:
    case LabArgument::Backlog:
    case LabArgument::ByteCount:
    case LabArgument::MessageCount:
    case LabArgument::Message:
    case LabArgument::Direction:
    case LabArgument::Group:
    case LabArgument::TimeoutMs:
    case LabArgument::Service:
        return true;
    case LabArgument::OptionNames:
    case LabArgument::Interface:
    case LabArgument::Ids:
    case LabArgument::CommandNames:
    case LabArgument::Terminal:
        return false;
    }
    return false;
}

} // namespace SocketScope
