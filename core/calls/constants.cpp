#include "calls/constants.h"

#include <fcntl.h>
#include <linux/sockios.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sched.h>
#include <span>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

namespace SocketScope {

namespace {

struct Constant {
    int value;
    const char* name;
    int level = 0; // for socket options
    OptionValue::Kind valueKind = OptionValue::Kind::Integer;
};

using Value = OptionValue::Kind;

constexpr Constant families[] = {
    {AF_UNSPEC, "AF_UNSPEC"}, {AF_UNIX, "AF_UNIX"},   {AF_INET, "AF_INET"}, {AF_INET6, "AF_INET6"},
    {AF_INET, "PF_INET"},     {AF_INET6, "PF_INET6"}, {AF_UNIX, "PF_UNIX"}, {AF_UNIX, "AF_LOCAL"},
};
constexpr Constant socketTypes[] = {
    {SOCK_STREAM, "SOCK_STREAM"},       {SOCK_DGRAM, "SOCK_DGRAM"},
    {SOCK_SEQPACKET, "SOCK_SEQPACKET"}, {SOCK_NONBLOCK, "SOCK_NONBLOCK"},
    {SOCK_CLOEXEC, "SOCK_CLOEXEC"},
};
constexpr Constant protocols[] = {
    {IPPROTO_IP, "IPPROTO_IP"},
    {IPPROTO_TCP, "IPPROTO_TCP"},
    {IPPROTO_UDP, "IPPROTO_UDP"},
    {IPPROTO_IPV6, "IPPROTO_IPV6"},
};
constexpr Constant messageFlags[] = {
    {MSG_OOB, "MSG_OOB"},
    {MSG_PEEK, "MSG_PEEK"},
    {MSG_DONTROUTE, "MSG_DONTROUTE"},
    {MSG_TRUNC, "MSG_TRUNC"},
    {MSG_DONTWAIT, "MSG_DONTWAIT"},
    {MSG_WAITALL, "MSG_WAITALL"},
    {MSG_NOSIGNAL, "MSG_NOSIGNAL"},
    {MSG_MORE, "MSG_MORE"},
    {MSG_WAITFORONE, "MSG_WAITFORONE"},
    {MSG_CONFIRM, "MSG_CONFIRM"},
    {MSG_EOR, "MSG_EOR"},
    {MSG_CMSG_CLOEXEC, "MSG_CMSG_CLOEXEC"},
};
constexpr Constant shutdownHows[] = {
    {SHUT_RD, "SHUT_RD"},
    {SHUT_WR, "SHUT_WR"},
    {SHUT_RDWR, "SHUT_RDWR"},
};
constexpr Constant optionLevels[] = {
    {SOL_SOCKET, "SOL_SOCKET"},     {IPPROTO_TCP, "SOL_TCP"},   {IPPROTO_IP, "SOL_IP"},
    {IPPROTO_IPV6, "SOL_IPV6"},     {IPPROTO_UDP, "SOL_UDP"},   {IPPROTO_TCP, "IPPROTO_TCP"},
    {IPPROTO_IPV6, "IPPROTO_IPV6"}, {IPPROTO_IP, "IPPROTO_IP"},
};
constexpr Constant socketOptions[] = {
    {SO_REUSEADDR, "SO_REUSEADDR", SOL_SOCKET},
    {SO_REUSEPORT, "SO_REUSEPORT", SOL_SOCKET},
    {SO_KEEPALIVE, "SO_KEEPALIVE", SOL_SOCKET},
    {SO_BROADCAST, "SO_BROADCAST", SOL_SOCKET},
    {SO_DEBUG, "SO_DEBUG", SOL_SOCKET},
    {SO_DONTROUTE, "SO_DONTROUTE", SOL_SOCKET},
    {SO_LINGER, "SO_LINGER", SOL_SOCKET, Value::Linger},
    {SO_RCVBUF, "SO_RCVBUF", SOL_SOCKET},
    {SO_SNDBUF, "SO_SNDBUF", SOL_SOCKET},
    {SO_RCVLOWAT, "SO_RCVLOWAT", SOL_SOCKET},
    {SO_RCVTIMEO, "SO_RCVTIMEO", SOL_SOCKET, Value::Timeval},
    {SO_SNDTIMEO, "SO_SNDTIMEO", SOL_SOCKET, Value::Timeval},
    {SO_ERROR, "SO_ERROR", SOL_SOCKET},
    {SO_TYPE, "SO_TYPE", SOL_SOCKET},
    {SO_DOMAIN, "SO_DOMAIN", SOL_SOCKET},
    {SO_PROTOCOL, "SO_PROTOCOL", SOL_SOCKET},
    {SO_ACCEPTCONN, "SO_ACCEPTCONN", SOL_SOCKET},
    {SO_OOBINLINE, "SO_OOBINLINE", SOL_SOCKET},
    {TCP_NODELAY, "TCP_NODELAY", IPPROTO_TCP},
    {TCP_MAXSEG, "TCP_MAXSEG", IPPROTO_TCP},
    {TCP_CORK, "TCP_CORK", IPPROTO_TCP},
    {TCP_KEEPIDLE, "TCP_KEEPIDLE", IPPROTO_TCP},
    {TCP_KEEPINTVL, "TCP_KEEPINTVL", IPPROTO_TCP},
    {TCP_KEEPCNT, "TCP_KEEPCNT", IPPROTO_TCP},
    {TCP_INFO, "TCP_INFO", IPPROTO_TCP, Value::Bytes},
    {IPV6_V6ONLY, "IPV6_V6ONLY", IPPROTO_IPV6},
    {IPV6_UNICAST_HOPS, "IPV6_UNICAST_HOPS", IPPROTO_IPV6},
    {IPV6_TCLASS, "IPV6_TCLASS", IPPROTO_IPV6},
    {IPV6_MULTICAST_HOPS, "IPV6_MULTICAST_HOPS", IPPROTO_IPV6},
    {IPV6_MULTICAST_LOOP, "IPV6_MULTICAST_LOOP", IPPROTO_IPV6},
    {IP_TTL, "IP_TTL", IPPROTO_IP},
    {IP_TOS, "IP_TOS", IPPROTO_IP},
    {IP_ADD_MEMBERSHIP, "IP_ADD_MEMBERSHIP", IPPROTO_IP, Value::MulticastRequest},
    {IP_DROP_MEMBERSHIP, "IP_DROP_MEMBERSHIP", IPPROTO_IP, Value::MulticastRequest},
    {IP_MULTICAST_IF, "IP_MULTICAST_IF", IPPROTO_IP, Value::InterfaceAddress},
    {IP_MULTICAST_LOOP, "IP_MULTICAST_LOOP", IPPROTO_IP},
    {IP_MULTICAST_TTL, "IP_MULTICAST_TTL", IPPROTO_IP},
};
constexpr Constant pollEvents[] = {
    {POLLIN, "POLLIN"},   {POLLPRI, "POLLPRI"},   {POLLOUT, "POLLOUT"},     {POLLERR, "POLLERR"},
    {POLLHUP, "POLLHUP"}, {POLLNVAL, "POLLNVAL"}, {POLLRDHUP, "POLLRDHUP"},
};
constexpr Constant addrInfoFlags[] = {
    {AI_PASSIVE, "AI_PASSIVE"},
    {AI_CANONNAME, "AI_CANONNAME"},
    {AI_NUMERICHOST, "AI_NUMERICHOST"},
    {AI_V4MAPPED, "AI_V4MAPPED"},
    {AI_ALL, "AI_ALL"},
    {AI_ADDRCONFIG, "AI_ADDRCONFIG"},
    {AI_NUMERICSERV, "AI_NUMERICSERV"},
};

constexpr Constant nameInfoFlags[] = {
    {NI_NUMERICHOST, "NI_NUMERICHOST"},
    {NI_NUMERICSERV, "NI_NUMERICSERV"},
    {NI_NOFQDN, "NI_NOFQDN"},
    {NI_NAMEREQD, "NI_NAMEREQD"},
    {NI_DGRAM, "NI_DGRAM"},
};

constexpr Constant fcntlCommands[] = {
    {F_DUPFD, "F_DUPFD"}, {F_GETFD, "F_GETFD"}, {F_SETFD, "F_SETFD"},
    {F_GETFL, "F_GETFL"}, {F_SETFL, "F_SETFL"}, {F_DUPFD_CLOEXEC, "F_DUPFD_CLOEXEC"},
};
// O_RDONLY is 0: it is what remains when no other access mode is set.
constexpr Constant fileFlags[] = {
    {O_WRONLY, "O_WRONLY"},     {O_RDWR, "O_RDWR"},       {O_APPEND, "O_APPEND"},
    {O_NONBLOCK, "O_NONBLOCK"}, {O_CLOEXEC, "O_CLOEXEC"}, {O_ASYNC, "O_ASYNC"},
};
constexpr Constant ioctlRequests[] = {
    {FIONREAD, "FIONREAD"},
    {FIONBIO, "FIONBIO"},
    {SIOCOUTQ, "SIOCOUTQ"},
};
constexpr Constant epollControls[] = {
    {EPOLL_CTL_ADD, "EPOLL_CTL_ADD"},
    {EPOLL_CTL_DEL, "EPOLL_CTL_DEL"},
    {EPOLL_CTL_MOD, "EPOLL_CTL_MOD"},
};
constexpr Constant epollFlags[] = {
    {EPOLLIN, "EPOLLIN"},      {EPOLLPRI, "EPOLLPRI"},         {EPOLLOUT, "EPOLLOUT"},
    {EPOLLERR, "EPOLLERR"},    {EPOLLHUP, "EPOLLHUP"},         {EPOLLRDHUP, "EPOLLRDHUP"},
    {int(EPOLLET), "EPOLLET"}, {EPOLLONESHOT, "EPOLLONESHOT"}, {EPOLL_CLOEXEC, "EPOLL_CLOEXEC"},
};
constexpr Constant cloneFlags[] = {
    {CLONE_VM, "CLONE_VM"},
    {CLONE_FS, "CLONE_FS"},
    {CLONE_FILES, "CLONE_FILES"},
    {CLONE_SIGHAND, "CLONE_SIGHAND"},
    {CLONE_THREAD, "CLONE_THREAD"},
    {CLONE_VFORK, "CLONE_VFORK"},
    {CLONE_SYSVSEM, "CLONE_SYSVSEM"},
    {CLONE_SETTLS, "CLONE_SETTLS"},
    {CLONE_PARENT_SETTID, "CLONE_PARENT_SETTID"},
    {CLONE_CHILD_CLEARTID, "CLONE_CHILD_CLEARTID"},
    {CLONE_CHILD_SETTID, "CLONE_CHILD_SETTID"},
};

std::span<const Constant> table(ConstantKind kind)
{
    switch (kind) {
    case ConstantKind::Family:
        return families;
    case ConstantKind::SocketType:
        return socketTypes;
    case ConstantKind::Protocol:
        return protocols;
    case ConstantKind::MessageFlag:
        return messageFlags;
    case ConstantKind::ShutdownHow:
        return shutdownHows;
    case ConstantKind::OptionLevel:
        return optionLevels;
    case ConstantKind::SocketOption:
        return socketOptions;
    case ConstantKind::PollEvent:
        return pollEvents;
    case ConstantKind::AddrInfoFlag:
        return addrInfoFlags;
    case ConstantKind::NameInfoFlag:
        return nameInfoFlags;
    case ConstantKind::FcntlCommand:
        return fcntlCommands;
    case ConstantKind::FileFlag:
        return fileFlags;
    case ConstantKind::IoctlRequest:
        return ioctlRequests;
    case ConstantKind::EpollControl:
        return epollControls;
    case ConstantKind::EpollFlag:
        return epollFlags;
    case ConstantKind::CloneFlag:
        return cloneFlags;
    }
    return {};
}

} // namespace

std::optional<int> constantValue(ConstantKind kind, const QString& name)
{
    const QString trimmed = name.trimmed();
    for (const auto& constant : table(kind)) {
        if (trimmed == QLatin1String(constant.name))
            return constant.value;
    }
    return std::nullopt;
}

QString constantName(ConstantKind kind, int value)
{
    for (const auto& constant : table(kind)) {
        if (constant.value == value)
            return QString::fromLatin1(constant.name);
    }
    return QString::number(value);
}

QString flagsText(ConstantKind kind, int value)
{
    if (value == 0)
        return QStringLiteral("0");
    QStringList names;
    int rest = value;
    if (kind == ConstantKind::SocketType) {
        // accept4() takes the flags alone: no socket type before them.
        const int base = value & ~(SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (base != 0)
            names << constantName(kind, base);
        rest = value & (SOCK_NONBLOCK | SOCK_CLOEXEC);
    }
    for (const auto& constant : table(kind)) {
        if (constant.value != 0 && (rest & constant.value) == constant.value) {
            names << QString::fromLatin1(constant.name);
            rest &= ~constant.value;
        }
    }
    if (rest != 0)
        names << QStringLiteral("%1").arg(rest, 0, 16).prepend(QStringLiteral("0x"));
    return names.join(QLatin1Char('|'));
}

std::optional<int> flagsValue(ConstantKind kind, const QStringList& names, QString* bad)
{
    int value = 0;
    for (const QString& group : names) {
        for (const QString& name : group.split(QLatin1Char('|'), Qt::SkipEmptyParts)) {
            if (name.trimmed() == QLatin1String("0"))
                continue;
            const auto flag = constantValue(kind, name);
            if (!flag) {
                if (bad)
                    *bad = name.trimmed();
                return std::nullopt;
            }
            value |= *flag;
        }
    }
    return value;
}

std::optional<int> optionLevel(const QString& optionName)
{
    for (const auto& option : socketOptions) {
        if (optionName == QLatin1String(option.name))
            return option.level;
    }
    return std::nullopt;
}

QString socketOptionName(int level, int option)
{
    for (const auto& candidate : socketOptions) {
        if (candidate.level == level && candidate.value == option)
            return QString::fromLatin1(candidate.name);
    }
    return QString::number(option);
}

OptionValue::Kind optionValueKind(int level, int option)
{
    for (const auto& candidate : socketOptions) {
        if (candidate.level == level && candidate.value == option)
            return candidate.valueKind;
    }
    return OptionValue::Kind::Bytes;
}

QList<std::pair<int, int>> knownSocketOptions()
{
    QList<std::pair<int, int>> options;
    for (const auto& option : socketOptions)
        options.append({option.level, option.value});
    return options;
}

QStringList constantNames(ConstantKind kind)
{
    QStringList names;
    for (const auto& constant : table(kind))
        names << QString::fromLatin1(constant.name);
    return names;
}

} // namespace SocketScope
