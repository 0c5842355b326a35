#include "lab/labcommand.h"

#include <arpa/inet.h>
#include <array>
#include <netdb.h>
#include <sys/socket.h>

namespace SocketScope {

namespace {

class Tr {
    Q_DECLARE_TR_FUNCTIONS(LabConsole)
};

void setError(QString* error, const QString& text)
{
    if (error)
        *error = text;
}

bool allDigits(QStringView word)
{
    if (word.isEmpty())
        return false;
    for (const QChar c : word) {
        if (c < u'0' || c > u'9')
            return false;
    }
    return true;
}

// Decimal digits only (no sign, no blank, no "0x"), at most maximum.
std::optional<qint64> parseDecimal(QStringView word, qint64 maximum)
{
    if (!allDigits(word) || word.size() > 18)
        return std::nullopt;
    const qint64 value = word.toLongLong();
    if (value > maximum)
        return std::nullopt;
    return value;
}

// The address's canonical text when the word is a numeric IPv4 (four dotted decimals) or
// IPv6 address.
std::optional<QString> numericAddress(QStringView word)
{
    const QByteArray text = word.toLatin1();
    if (text.size() >= INET6_ADDRSTRLEN || text.contains('\0'))
        return std::nullopt;
    std::array<unsigned char, sizeof(in6_addr)> address{};
    std::array<char, INET6_ADDRSTRLEN> canonical{};
    for (const int family : {AF_INET, AF_INET6}) {
        if (inet_pton(family, text.constData(), address.data()) == 1 &&
            inet_ntop(family, address.data(), canonical.data(), canonical.size()))
            return QString::fromLatin1(canonical.data());
    }
    return std::nullopt;
}

bool isDnsLabel(QStringView label)
{
    if (label.isEmpty() || label.size() > 63 || label.startsWith(u'-') || label.endsWith(u'-'))
        return false;
    for (const QChar c : label) {
        if (!(c.isDigit() && c.unicode() < 128) && !(c >= u'a' && c <= u'z') &&
            !(c >= u'A' && c <= u'Z') && c != u'-')
            return false;
    }
    return true;
}

bool isDnsName(QStringView word)
{
    QStringView name = word;
    if (name.endsWith(u'.'))
        name.chop(1);
    if (name.isEmpty() || name.size() > 253)
        return false;
    const QList<QStringView> labels = name.split(u'.');
    for (const QStringView label : labels) {
        if (!isDnsLabel(label))
            return false;
    }
    // A numeric last label would be read by getaddrinfo as a shortened IPv4 address.
    return !allDigits(labels.last());
}

// The first of the choices the word is a prefix of, as socklab's get_choice.
std::optional<int> choose(QStringView word,
                          std::initializer_list<std::pair<const char*, int>> choices)
{
    if (word.isEmpty())
        return std::nullopt;
    for (const auto& [name, value] : choices) {
        if (QLatin1StringView(name).startsWith(word, Qt::CaseInsensitive))
            return value;
    }
    return std::nullopt;
}

} // namespace

std::optional<LabId> parseLabId(QStringView word, QString* error)
{
    if (word.isEmpty() || word == u".")
        return LabId{true, -1};
    if (const auto id = parseDecimal(word, std::numeric_limits<int>::max()))
        return LabId{false, int(*id)};
    setError(
        error,
        Tr::tr("\"%1\" is not a socket id: a number, or \".\" for the current socket").arg(word));
    return std::nullopt;
}

std::optional<LabHost> parseLabHost(QStringView word, QString* error)
{
    if (word == u"*")
        return LabHost{LabHost::Kind::Any, word.toString()};
    if (word == u".")
        return LabHost{LabHost::Kind::Loopback, word.toString()};
    if (const auto numeric = numericAddress(word))
        return LabHost{LabHost::Kind::Numeric, *numeric};
    if (isDnsName(word))
        return LabHost{LabHost::Kind::Name, word.toString()};
    if (word.isEmpty())
        setError(error, Tr::tr("A host is needed: \"*\" for any address, \".\" for this machine, "
                               "an address or a name"));
    else
        setError(error, Tr::tr("\"%1\" is not a host: \"*\" for any address, \".\" for this "
                               "machine, an IPv4 or IPv6 address, or a name of letters, digits, "
                               "'-' and '.'")
                            .arg(word));
    return std::nullopt;
}

std::optional<quint16> parseLabPort(QStringView word, QString* error)
{
    if (allDigits(word)) {
        if (const auto port = parseDecimal(word, 65535))
            return quint16(*port);
        setError(error, Tr::tr("Port %1 is out of range: 0 to 65535").arg(word));
        return std::nullopt;
    }
    const QByteArray name = word.toLatin1();
    if (!word.isEmpty() && name.size() < 64 && !name.contains('\0') &&
        QString::fromLatin1(name) == word) {
        servent entry{};
        servent* found = nullptr;
        std::array<char, 1024> buffer{};
        if (getservbyname_r(name.constData(), "tcp", &entry, buffer.data(), buffer.size(),
                            &found) == 0 &&
            found)
            return quint16(ntohs(quint16(found->s_port)));
    }
    setError(error, Tr::tr("\"%1\" is not a port: a number from 0 to 65535 or a service name of "
                           "/etc/services")
                        .arg(word));
    return std::nullopt;
}

std::optional<int> parseLabCount(QStringView word, int defaultValue, qint64 maximum, QString* error)
{
    if (word.isEmpty())
        return defaultValue;
    const qint64 bound = std::min<qint64>(maximum, std::numeric_limits<int>::max());
    if (const auto count = parseDecimal(word, bound))
        return int(*count);
    if (allDigits(word))
        setError(error, Tr::tr("%1 is too large: %2 at most").arg(word).arg(bound));
    else
        setError(error, Tr::tr("\"%1\" is not a number").arg(word));
    return std::nullopt;
}

std::optional<int> parseLabDirection(QStringView word, QString* error)
{
    if (const auto direction =
            choose(word, {{"in", SHUT_RD}, {"out", SHUT_WR}, {"both", SHUT_RDWR}}))
        return direction;
    setError(error, Tr::tr("\"%1\" is not a direction: in, out or both").arg(word));
    return std::nullopt;
}

std::optional<int> parseLabProtocol(QStringView word, QString* error)
{
    if (const auto type = choose(word, {{"tcp", SOCK_STREAM}, {"udp", SOCK_DGRAM}}))
        return type;
    setError(error, Tr::tr("\"%1\" is not a protocol: tcp or udp").arg(word));
    return std::nullopt;
}

std::optional<int> parseLabTimeout(QStringView word, QString* error)
{
    if (word == u"-1")
        return -1;
    if (const auto timeout = parseDecimal(word, std::numeric_limits<int>::max()))
        return int(*timeout);
    setError(error,
             Tr::tr("\"%1\" is not a timeout: milliseconds, or -1 to wait forever").arg(word));
    return std::nullopt;
}

int labMessageFlags(LabFlags flags)
{
    int message = 0;
    if (flags & LabFlag::Oob)
        message |= MSG_OOB;
    if (flags & LabFlag::Peek)
        message |= MSG_PEEK;
    if (flags & LabFlag::DontRoute)
        message |= MSG_DONTROUTE;
    if (flags & LabFlag::WaitAll)
        message |= MSG_WAITALL;
    if (flags & LabFlag::DontWait)
        message |= MSG_DONTWAIT;
    if (flags & LabFlag::NoSignal)
        message |= MSG_NOSIGNAL;
    return message;
}

} // namespace SocketScope
