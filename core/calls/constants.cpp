#include "calls/constants.h"

#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <span>
#include <sys/socket.h>

namespace SocketScope {

namespace {

struct Constant {
    int value;
    const char* name;
    int level = 0; // for socket options
};

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
    {SO_LINGER, "SO_LINGER", SOL_SOCKET},
    {SO_RCVBUF, "SO_RCVBUF", SOL_SOCKET},
    {SO_SNDBUF, "SO_SNDBUF", SOL_SOCKET},
    {SO_RCVLOWAT, "SO_RCVLOWAT", SOL_SOCKET},
    {SO_ERROR, "SO_ERROR", SOL_SOCKET},
    {SO_TYPE, "SO_TYPE", SOL_SOCKET},
    {SO_OOBINLINE, "SO_OOBINLINE", SOL_SOCKET},
    {TCP_NODELAY, "TCP_NODELAY", IPPROTO_TCP},
    {TCP_MAXSEG, "TCP_MAXSEG", IPPROTO_TCP},
    {IPV6_V6ONLY, "IPV6_V6ONLY", IPPROTO_IPV6},
    {IP_TTL, "IP_TTL", IPPROTO_IP},
    {IP_ADD_MEMBERSHIP, "IP_ADD_MEMBERSHIP", IPPROTO_IP},
    {IP_DROP_MEMBERSHIP, "IP_DROP_MEMBERSHIP", IPPROTO_IP},
    {IP_MULTICAST_IF, "IP_MULTICAST_IF", IPPROTO_IP},
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
        const int base = value & ~(SOCK_NONBLOCK | SOCK_CLOEXEC);
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

QStringList constantNames(ConstantKind kind)
{
    QStringList names;
    for (const auto& constant : table(kind))
        names << QString::fromLatin1(constant.name);
    return names;
}

} // namespace SocketScope
