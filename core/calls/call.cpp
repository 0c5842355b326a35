#include "calls/call.h"

#include <array>

namespace SocketScope {

namespace {

using T = CallTrait;

constexpr CallTraits traits(std::initializer_list<CallTrait> list)
{
    CallTraits result;
    for (const CallTrait trait : list)
        result |= trait;
    return result;
}

constexpr CallTraits performable = traits({T::Performable});

// In the enum's order: checked below, so that a call added to the enum without its row here
// fails to compile.
constexpr std::array<CallInfo, knownCallCount> table{{
    {Call::Socket, "socket", traits({T::MakesDescriptor}) | performable},
    {Call::Socketpair, "socketpair", traits({T::MakesDescriptor})},
    {Call::Bind, "bind", traits({T::TakesDescriptor, T::TakesAddress}) | performable},
    {Call::Listen, "listen", traits({T::TakesDescriptor}) | performable},
    {Call::Accept, "accept",
     traits({T::TakesDescriptor, T::MakesDescriptor, T::ReturnsAddress, T::MayBlock}) |
         performable},
    {Call::Accept4, "accept4",
     traits({T::TakesDescriptor, T::MakesDescriptor, T::ReturnsAddress, T::MayBlock}) |
         performable},
    {Call::Connect, "connect",
     traits({T::TakesDescriptor, T::TakesAddress, T::MayBlock}) | performable},
    {Call::Shutdown, "shutdown", traits({T::TakesDescriptor}) | performable},
    {Call::Close, "close", traits({T::TakesDescriptor, T::ReleasesDescriptor}) | performable},
    {Call::Dup, "dup", traits({T::TakesDescriptor, T::MakesDescriptor})},
    {Call::Dup2, "dup2", traits({T::TakesDescriptor, T::MakesDescriptor})},
    {Call::Dup3, "dup3", traits({T::TakesDescriptor, T::MakesDescriptor})},
    {Call::Fcntl, "fcntl", traits({T::TakesDescriptor}) | performable},
    {Call::Ioctl, "ioctl", traits({T::TakesDescriptor})},
    {Call::Read, "read", traits({T::TakesDescriptor, T::ReceivesData, T::MayBlock}) | performable},
    {Call::Write, "write", traits({T::TakesDescriptor, T::SendsData, T::MayBlock}) | performable},
    {Call::Readv, "readv", traits({T::TakesDescriptor, T::ReceivesData, T::MayBlock})},
    {Call::Writev, "writev", traits({T::TakesDescriptor, T::SendsData, T::MayBlock})},
    {Call::Send, "send", traits({T::TakesDescriptor, T::SendsData, T::MayBlock}) | performable},
    {Call::Recv, "recv", traits({T::TakesDescriptor, T::ReceivesData, T::MayBlock}) | performable},
    {Call::SendTo, "sendto",
     traits({T::TakesDescriptor, T::TakesAddress, T::SendsData, T::MayBlock}) | performable},
    {Call::RecvFrom, "recvfrom",
     traits({T::TakesDescriptor, T::ReturnsAddress, T::ReceivesData, T::MayBlock}) | performable},
    {Call::SendMsg, "sendmsg",
     traits({T::TakesDescriptor, T::TakesAddress, T::SendsData, T::MayBlock})},
    {Call::RecvMsg, "recvmsg",
     traits({T::TakesDescriptor, T::ReturnsAddress, T::ReceivesData, T::MayBlock})},
    {Call::SendMmsg, "sendmmsg",
     traits({T::TakesDescriptor, T::TakesAddress, T::SendsData, T::MayBlock})},
    {Call::RecvMmsg, "recvmmsg",
     traits({T::TakesDescriptor, T::ReturnsAddress, T::ReceivesData, T::MayBlock})},
    {Call::GetSockName, "getsockname",
     traits({T::TakesDescriptor, T::ReturnsAddress}) | performable},
    {Call::GetPeerName, "getpeername",
     traits({T::TakesDescriptor, T::ReturnsAddress}) | performable},
    {Call::GetSockOpt, "getsockopt", traits({T::TakesDescriptor}) | performable},
    {Call::SetSockOpt, "setsockopt", traits({T::TakesDescriptor}) | performable},
    {Call::Select, "select", traits({T::Multiplexes, T::MayBlock}) | performable},
    {Call::PSelect6, "pselect6", traits({T::Multiplexes, T::MayBlock})},
    {Call::Poll, "poll", traits({T::Multiplexes, T::MayBlock}) | performable},
    {Call::PPoll, "ppoll", traits({T::Multiplexes, T::MayBlock})},
    {Call::EpollCreate, "epoll_create", traits({T::MakesDescriptor})},
    {Call::EpollCreate1, "epoll_create1", traits({T::MakesDescriptor})},
    {Call::EpollCtl, "epoll_ctl", traits({T::TakesDescriptor})},
    {Call::EpollWait, "epoll_wait", traits({T::TakesDescriptor, T::Multiplexes, T::MayBlock})},
    {Call::EpollPwait, "epoll_pwait", traits({T::TakesDescriptor, T::Multiplexes, T::MayBlock})},
    {Call::GetAddrInfo, "getaddrinfo", traits({T::ReturnsAddress, T::NameLookup}) | performable},
    {Call::GetNameInfo, "getnameinfo", traits({T::TakesAddress, T::NameLookup}) | performable},
    {Call::Fork, "fork", traits({T::StartsActor}) | performable},
    {Call::Vfork, "vfork", traits({T::StartsActor})},
    {Call::Clone, "clone", traits({T::StartsActor})},
    {Call::Clone3, "clone3", traits({T::StartsActor})},
    {Call::Execve, "execve", {}},
    {Call::ExitGroup, "exit_group", traits({T::EndsProcess})},
    {Call::PthreadCreate, "pthread_create", traits({T::StartsActor}) | performable},
}};

constexpr bool tableFollowsTheEnum()
{
    for (int i = 0; i < knownCallCount; ++i) {
        if (int(table[i].call) != i)
            return false;
    }
    return true;
}
static_assert(tableFollowsTheEnum(), "the table of calls lists them in the enum's order");

} // namespace

namespace Calls {

const CallInfo& info(Call call)
{
    return table[std::size_t(call)];
}

QLatin1String name(Call call)
{
    return QLatin1String(info(call).name);
}

std::optional<Call> fromName(QStringView name)
{
    for (const CallInfo& candidate : table) {
        if (name == QLatin1String(candidate.name))
            return candidate.call;
    }
    return std::nullopt;
}

bool has(Call call, CallTrait trait)
{
    return info(call).traits.testFlag(trait);
}

const QList<Call>& all()
{
    static const QList<Call> calls = [] {
        QList<Call> list;
        for (const CallInfo& candidate : table)
            list.append(candidate.call);
        return list;
    }();
    return calls;
}

QList<Call> performable()
{
    QList<Call> list;
    for (const CallInfo& candidate : table) {
        if (candidate.traits.testFlag(CallTrait::Performable))
            list.append(candidate.call);
    }
    return list;
}

} // namespace Calls

} // namespace SocketScope
