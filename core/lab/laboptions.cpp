#include "lab/laboptions.h"

#include "calls/constants.h"
#include "calls/errnoinfo.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <utility>

namespace SocketScope {

namespace {

class Tr {
    Q_DECLARE_TR_FUNCTIONS(LabConsole)
};

// What a saved lab session reads back (scenario-format.md): larger values are refused.
constexpr int maxInteger = 1 << 30;
constexpr int maxSeconds = 3600;

using K = LabOptionKind;
using O = LabOption;

void setError(QString* error, const QString& text)
{
    if (error)
        *error = text;
}

int baseType(int type)
{
    return type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC);
}

// "2", "0.5", "1.25": seconds to the millisecond.
std::optional<qint64> parseMilliseconds(QStringView text)
{
    static const QRegularExpression seconds(QStringLiteral("^([0-9]{1,4})(?:\\.([0-9]{1,3}))?$"));
    const QRegularExpressionMatch match = seconds.match(text.toString());
    if (!match.hasMatch())
        return std::nullopt;
    const QString fraction = match.captured(2).leftJustified(3, QLatin1Char('0'));
    const qint64 ms = match.captured(1).toLongLong() * 1000 + fraction.toLongLong();
    if (ms > qint64(maxSeconds) * 1000)
        return std::nullopt;
    return ms;
}

// y, yes, on, 1 / n, no, off, 0.
std::optional<bool> parseYesNo(QStringView text)
{
    const QString word = text.toString().toLower();
    for (const char* yes : {"y", "yes", "on", "1"}) {
        if (word == QLatin1StringView(yes))
            return true;
    }
    for (const char* no : {"n", "no", "off", "0"}) {
        if (word == QLatin1StringView(no))
            return false;
    }
    return std::nullopt;
}

std::optional<int> parseInteger(QStringView text)
{
    if (text.isEmpty() || text.size() > 10)
        return std::nullopt;
    for (const QChar c : text) {
        if (c < u'0' || c > u'9')
            return std::nullopt;
    }
    const qint64 value = text.toLongLong();
    if (value > maxInteger)
        return std::nullopt;
    return int(value);
}

QString secondsText(qint64 microseconds)
{
    QString text = QString::number(microseconds / 1'000'000);
    if (const qint64 rest = microseconds % 1'000'000; rest != 0) {
        QString fraction = QStringLiteral("%1").arg(rest, 6, 10, QLatin1Char('0'));
        while (fraction.endsWith(QLatin1Char('0')))
            fraction.chop(1);
        text += QLatin1Char('.') + fraction;
    }
    return text;
}

QString refusal(const LabOptionSpec& spec)
{
    return Tr::tr("*** %1 (O_ASYNC: SIGIO when data arrives) is not in the lab: SIGIO would "
                  "end the lab, which does not catch it; poll or select tell when data is there")
        .arg(QLatin1StringView(spec.name));
}

} // namespace

const QList<LabOptionSpec>& labOptionSpecs()
{
    static const QList<LabOptionSpec> specs{
        {O::Broadcast, "broadcast", K::Flag, SOL_SOCKET, SO_BROADCAST},
        {O::Debug, "debug", K::Flag, SOL_SOCKET, SO_DEBUG},
        {O::DontRoute, "dontroute", K::Flag, SOL_SOCKET, SO_DONTROUTE},
        {O::KeepAlive, "keepalive", K::Flag, SOL_SOCKET, SO_KEEPALIVE},
        {O::OobInline, "oobinline", K::Flag, SOL_SOCKET, SO_OOBINLINE},
        {O::ReuseAddr, "reuseaddr", K::Flag, SOL_SOCKET, SO_REUSEADDR},
        {O::Asynchrone, "asynchrone", K::Refused, 0, 0, false},
        {O::NoDelay, "nodelay", K::NonBlock},
        {O::RcvBuf, "rcvbuf", K::Integer, SOL_SOCKET, SO_RCVBUF},
        {O::SndBuf, "sndbuf", K::Integer, SOL_SOCKET, SO_SNDBUF},
        {O::RcvTimeo, "rcvtimeo", K::Seconds, SOL_SOCKET, SO_RCVTIMEO},
        {O::SndTimeo, "sndtimeo", K::Seconds, SOL_SOCKET, SO_SNDTIMEO},
        {O::NonBlock, "nonblock", K::NonBlock, 0, 0, false},
        {O::TcpNoDelay, "tcpnodelay", K::Flag, IPPROTO_TCP, TCP_NODELAY},
        {O::Linger, "linger", K::Linger, SOL_SOCKET, SO_LINGER},
        {O::ReusePort, "reuseport", K::Flag, SOL_SOCKET, SO_REUSEPORT},
        {O::V6Only, "v6only", K::Flag, IPPROTO_IPV6, IPV6_V6ONLY},
        {O::Ttl, "ttl", K::Integer, IPPROTO_IP, IP_TTL},
        {O::RcvLowat, "rcvlowat", K::Integer, SOL_SOCKET, SO_RCVLOWAT, false},
        {O::Error, "error", K::Integer, SOL_SOCKET, SO_ERROR, false, false},
        {O::Type, "type", K::Integer, SOL_SOCKET, SO_TYPE, false, false},
        {O::TcpMaxSeg, "tcpmaxseg", K::Integer, IPPROTO_TCP, TCP_MAXSEG, false},
        {O::TcpKeepIdle, "tcpkeepidle", K::Integer, IPPROTO_TCP, TCP_KEEPIDLE, false},
        {O::TcpKeepIntvl, "tcpkeepintvl", K::Integer, IPPROTO_TCP, TCP_KEEPINTVL, false},
        {O::TcpKeepCnt, "tcpkeepcnt", K::Integer, IPPROTO_TCP, TCP_KEEPCNT, false},
        {O::Tos, "tos", K::Integer, IPPROTO_IP, IP_TOS, false},
        {O::MulticastTtl, "multicastttl", K::Integer, IPPROTO_IP, IP_MULTICAST_TTL, false},
        {O::MulticastLoop, "multicastloop", K::Flag, IPPROTO_IP, IP_MULTICAST_LOOP, false},
    };
    return specs;
}

std::pair<int, int> labOptionTarget(const LabOptionSpec& spec, int domain)
{
    // IPv6 names IPv4's hop and traffic class options anew, at its own level.
    if (domain == AF_INET6) {
        switch (spec.option) {
        case O::Ttl:
            return {IPPROTO_IPV6, IPV6_UNICAST_HOPS};
        case O::Tos:
            return {IPPROTO_IPV6, IPV6_TCLASS};
        case O::MulticastTtl:
            return {IPPROTO_IPV6, IPV6_MULTICAST_HOPS};
        case O::MulticastLoop:
            return {IPPROTO_IPV6, IPV6_MULTICAST_LOOP};
        default:
            break;
        }
    }
    return {spec.level, spec.number};
}

bool labOptionApplies(const LabOptionSpec& spec, int domain, int type)
{
    const bool ip = domain == AF_INET || domain == AF_INET6;
    switch (spec.option) {
    case O::TcpNoDelay:
    case O::TcpMaxSeg:
    case O::TcpKeepIdle:
    case O::TcpKeepIntvl:
    case O::TcpKeepCnt:
        return ip && baseType(type) == SOCK_STREAM;
    case O::V6Only:
        return domain == AF_INET6;
    case O::Ttl:
    case O::Tos:
    case O::MulticastTtl:
    case O::MulticastLoop:
        return ip;
    case O::Broadcast:
    case O::Debug:
    case O::DontRoute:
    case O::KeepAlive:
    case O::OobInline:
    case O::ReuseAddr:
    case O::Asynchrone:
    case O::NoDelay:
    case O::RcvBuf:
    case O::SndBuf:
    case O::RcvTimeo:
    case O::SndTimeo:
    case O::NonBlock:
    case O::Linger:
    case O::ReusePort:
    case O::RcvLowat:
    case O::Error:
    case O::Type:
        return true;
    }
    return true;
}

std::optional<OptionValue> parseLabOptionValue(const LabOptionSpec& spec, QStringView text,
                                               QString* error)
{
    const QString name = QLatin1StringView(spec.name);
    OptionValue value;
    switch (spec.kind) {
    case K::Flag:
    case K::NonBlock:
        if (const auto on = parseYesNo(text)) {
            value.kind = OptionValue::Kind::Integer;
            value.integer = *on ? 1 : 0;
            return value;
        }
        setError(error, Tr::tr("*** %1: answer y or n (1 or 0)").arg(name));
        return std::nullopt;
    case K::Integer:
        if (const auto number = parseInteger(text)) {
            value.kind = OptionValue::Kind::Integer;
            value.integer = *number;
            return value;
        }
        setError(error, Tr::tr("*** %1: a whole number from 0 to %2").arg(name).arg(maxInteger));
        return std::nullopt;
    case K::Seconds:
        if (const auto ms = parseMilliseconds(text)) {
            value.kind = OptionValue::Kind::Timeval;
            value.microseconds = *ms * 1000;
            return value;
        }
        setError(error, Tr::tr("*** %1: seconds from 0 to %2, to the millisecond (0.5)")
                            .arg(name)
                            .arg(maxSeconds));
        return std::nullopt;
    case K::Linger: {
        const QList<QStringView> parts = text.split(u',');
        const auto on = parseYesNo(parts.first().trimmed());
        const auto seconds =
            parts.size() == 2 ? parseInteger(parts.last().trimmed()) : std::optional<int>(0);
        if (on && seconds && parts.size() <= 2 && *seconds <= maxSeconds) {
            value.kind = OptionValue::Kind::Linger;
            value.integer = *on ? 1 : 0;
            value.lingerSeconds = *seconds;
            return value;
        }
        setError(error, Tr::tr("*** %1: on or off, then the seconds from 0 to %2: 1,5 or 0")
                            .arg(name)
                            .arg(maxSeconds));
        return std::nullopt;
    }
    case K::Refused:
        setError(error, refusal(spec));
        return std::nullopt;
    }
    return std::nullopt;
}

std::optional<QList<LabOptionItem>> parseLabOptionWords(const QStringList& words, int domain,
                                                        int type, QString* error)
{
    QList<LabOptionItem> items;
    if (words.isEmpty()) {
        for (const LabOptionSpec& spec : labOptionSpecs()) {
            if (spec.walked && labOptionApplies(spec, domain, type))
                items.append({&spec, std::nullopt});
        }
        return items;
    }
    for (const QString& word : words) {
        const qsizetype equals = word.indexOf(QLatin1Char('='));
        const QString name = (equals < 0 ? word : word.left(equals)).toLower();
        QList<const LabOptionSpec*> matches;
        for (const LabOptionSpec& spec : labOptionSpecs()) {
            if (QLatin1StringView(spec.name) == name) {
                matches = {&spec};
                break;
            }
            if (!name.isEmpty() && QLatin1StringView(spec.name).startsWith(name))
                matches.append(&spec);
        }
        if (matches.isEmpty()) {
            setError(error, Tr::tr("*** unknown option %1").arg(name));
            return std::nullopt;
        }
        if (equals >= 0 && matches.size() > 1) {
            QStringList names;
            for (const LabOptionSpec* spec : std::as_const(matches))
                names << QLatin1StringView(spec->name);
            setError(error, Tr::tr("*** %1 names several options (%2): give more of its name")
                                .arg(name, names.join(QStringLiteral(", "))));
            return std::nullopt;
        }
        for (const LabOptionSpec* spec : std::as_const(matches)) {
            if (spec->kind == K::Refused) {
                setError(error, refusal(*spec));
                return std::nullopt;
            }
        }
        if (equals >= 0 && !matches.first()->settable) {
            setError(error, Tr::tr("*** %1 (%2) is read by getsockopt only: it cannot be set")
                                .arg(QLatin1StringView(matches.first()->name),
                                     labOptionCName(*matches.first(), domain)));
            return std::nullopt;
        }
        if (equals >= 0) {
            const auto value = parseLabOptionValue(*matches.first(), word.mid(equals + 1), error);
            if (!value)
                return std::nullopt;
            items.append({matches.first(), value});
            continue;
        }
        // nodelay and nonblock are the same flag: asked once.
        bool nonBlockAsked = false;
        for (const LabOptionSpec* spec : std::as_const(matches)) {
            if (spec->kind == K::NonBlock && std::exchange(nonBlockAsked, true))
                continue;
            items.append({spec, std::nullopt});
        }
    }
    return items;
}

QString labOptionValueText(const LabOptionSpec& spec, const OptionValue& value)
{
    switch (spec.kind) {
    case K::Flag:
    case K::NonBlock:
        return value.integer ? QStringLiteral("1") : QStringLiteral("0");
    case K::Integer:
        return QString::number(value.integer);
    case K::Seconds:
        return secondsText(value.microseconds);
    case K::Linger:
        return QStringLiteral("%1,%2").arg(value.integer ? 1 : 0).arg(value.lingerSeconds);
    case K::Refused:
        break;
    }
    return {};
}

bool labOptionChanges(const LabOptionSpec& spec, const OptionValue& current,
                      const OptionValue& wanted)
{
    switch (spec.kind) {
    case K::Flag:
    case K::NonBlock:
        return (current.integer != 0) != (wanted.integer != 0);
    case K::Integer:
        return current.integer != wanted.integer;
    case K::Seconds:
        return current.microseconds != wanted.microseconds;
    case K::Linger:
        return (current.integer != 0) != (wanted.integer != 0) ||
               current.lingerSeconds != wanted.lingerSeconds;
    case K::Refused:
        break;
    }
    return false;
}

QString labOptionCName(const LabOptionSpec& spec, int domain)
{
    if (spec.kind == K::NonBlock)
        return QStringLiteral("O_NONBLOCK");
    if (spec.kind == K::Refused)
        return QStringLiteral("O_ASYNC");
    const auto [level, option] = labOptionTarget(spec, domain);
    return socketOptionName(level, option);
}

QString labOptionShown(const LabOptionSpec& spec, int domain, const OptionValue& value)
{
    QString meaning = labOptionCName(spec, domain);
    if (spec.option == O::Type)
        meaning += QStringLiteral(": ") + constantName(ConstantKind::SocketType, value.integer);
    else if (spec.option == O::Error && value.integer != 0)
        meaning += QStringLiteral(": ") + errnoInfo(value.integer).name;
    return QStringLiteral("%1 = %2 (%3)")
        .arg(QLatin1StringView(spec.name), labOptionValueText(spec, value), meaning);
}

QString labOptionPrompt(const LabOptionSpec& spec, const OptionValue& current)
{
    const bool flag = spec.kind == K::Flag || spec.kind == K::NonBlock;
    const QString shown = !flag             ? labOptionValueText(spec, current)
                          : current.integer ? QStringLiteral("Y/n")
                                            : QStringLiteral("y/N");
    return QStringLiteral("%1 [%2] : ").arg(QLatin1StringView(spec.name), shown);
}

QStringList labOptionsHelp()
{
    return {
        Tr::tr("Options: broadcast debug dontroute keepalive oobinline reuseaddr (SO_*, y or "
               "n), nodelay (O_NONBLOCK, as in socklab), rcvbuf sndbuf (bytes), rcvtimeo "
               "sndtimeo (seconds, 0.5 for half a second); the lab adds nonblock (O_NONBLOCK "
               "again), tcpnodelay (TCP_NODELAY), linger (SO_LINGER: 1,5 is on for 5 "
               "seconds, 0 is off), reuseport (SO_REUSEPORT), v6only (IPV6_V6ONLY), ttl "
               "(IP_TTL, IPV6_UNICAST_HOPS for IPv6)."),
        Tr::tr("options id shows every option with its value as getsockopt reads it and asks "
               "for a new one (Enter keeps it); a name or the start of one asks only for "
               "those; name=value sets it at once: options . reuseaddr=1 linger=1,5 "
               "rcvtimeo=2"),
        Tr::tr("Named only, not walked by options id: rcvlowat (SO_RCVLOWAT), error and type "
               "(SO_ERROR, SO_TYPE: read only), tcpmaxseg tcpkeepidle tcpkeepintvl tcpkeepcnt "
               "(TCP_MAXSEG, TCP_KEEPIDLE, TCP_KEEPINTVL, TCP_KEEPCNT), tos multicastttl "
               "multicastloop (IP_TOS, IP_MULTICAST_TTL, IP_MULTICAST_LOOP; on an IPv6 socket "
               "IPV6_TCLASS, IPV6_MULTICAST_HOPS, IPV6_MULTICAST_LOOP)."),
        Tr::tr("options -get id name... shows the values that getsockopt (or fcntl) reads and "
               "asks for none: options -get . rcvbuf type error"),
        Tr::tr("asynchrone (O_ASYNC, SIGIO) is not in the lab: SIGIO would end it."),
    };
}

} // namespace SocketScope
