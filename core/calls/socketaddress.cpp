#include "calls/socketaddress.h"

#include <QCoreApplication>
#include <QHashFunctions>

#include <arpa/inet.h>
#include <cstring>
#include <netinet/in.h>
#include <sys/un.h>

namespace SocketScope {

namespace {

class Tr {
    Q_DECLARE_TR_FUNCTIONS(SocketAddress)
};

QString quotedCString(const QByteArray& bytes)
{
    QString text = QStringLiteral("\"");
    for (const char c : bytes) {
        if (c == '"' || c == '\\')
            text += QLatin1Char('\\');
        text += QLatin1Char(c);
    }
    return text + QLatin1Char('"');
}

} // namespace

SocketAddress::SocketAddress(const sockaddr* address, socklen_t length)
{
    if (!address || length == 0)
        return;
    m_length = std::min<socklen_t>(length, sizeof(m_storage));
    std::memcpy(&m_storage, address, m_length);
}

std::optional<SocketAddress> SocketAddress::fromIp(const QString& ip, quint16 port, QString* error)
{
    const QByteArray text = ip.trimmed().toLatin1();
    sockaddr_in v4{};
    if (inet_pton(AF_INET, text.constData(), &v4.sin_addr) == 1) {
        v4.sin_family = AF_INET;
        v4.sin_port = htons(port);
        return SocketAddress(reinterpret_cast<sockaddr*>(&v4), sizeof(v4));
    }
    sockaddr_in6 v6{};
    if (inet_pton(AF_INET6, text.constData(), &v6.sin6_addr) == 1) {
        v6.sin6_family = AF_INET6;
        v6.sin6_port = htons(port);
        return SocketAddress(reinterpret_cast<sockaddr*>(&v6), sizeof(v6));
    }
    if (error)
        *error = Tr::tr("\"%1\" is not an IPv4 address (like 127.0.0.1) or an IPv6 address "
                        "(like ::1).")
                     .arg(ip);
    return std::nullopt;
}

SocketAddress SocketAddress::fromInet(int family, const void* address, quint16 port)
{
    if (family == AF_INET) {
        sockaddr_in v4{};
        v4.sin_family = AF_INET;
        v4.sin_port = htons(port);
        std::memcpy(&v4.sin_addr, address, sizeof(v4.sin_addr));
        return SocketAddress(reinterpret_cast<const sockaddr*>(&v4), sizeof(v4));
    }
    sockaddr_in6 v6{};
    v6.sin6_family = AF_INET6;
    v6.sin6_port = htons(port);
    std::memcpy(&v6.sin6_addr, address, sizeof(v6.sin6_addr));
    return SocketAddress(reinterpret_cast<const sockaddr*>(&v6), sizeof(v6));
}

std::optional<SocketAddress> SocketAddress::fromUnixPath(const QString& path, QString* error)
{
    const QByteArray bytes = path.toLocal8Bit();
    sockaddr_un un{};
    const auto fail = [error](const QString& text) {
        if (error)
            *error = text;
        return std::nullopt;
    };
    if (bytes.isEmpty())
        return fail(Tr::tr("A path is needed: an AF_UNIX socket's address is a file name, like "
                           "./lab.sock."));
    if (bytes.contains('\0'))
        return fail(Tr::tr("An AF_UNIX path cannot contain a NUL byte."));
    if (bytes.size() >= qsizetype(sizeof(un.sun_path)))
        return fail(Tr::tr("The AF_UNIX path has %1 bytes: sun_path holds %2 with the NUL "
                           "that ends it, so %3 at most.")
                        .arg(bytes.size())
                        .arg(sizeof(un.sun_path))
                        .arg(sizeof(un.sun_path) - 1));
    un.sun_family = AF_UNIX;
    std::memcpy(un.sun_path, bytes.constData(), size_t(bytes.size()));
    const auto length = socklen_t(offsetof(sockaddr_un, sun_path) + size_t(bytes.size()) + 1);
    return SocketAddress(reinterpret_cast<sockaddr*>(&un), length);
}

std::optional<SocketAddress> SocketAddress::fromEndpoint(const QString& endpoint, QString* error)
{
    const QString text = endpoint.trimmed();
    if (text.startsWith(QLatin1Char('/')))
        return fromUnixPath(text, error);

    QString host;
    QString portText;
    if (text.startsWith(QLatin1Char('['))) {
        const qsizetype close = text.indexOf(QStringLiteral("]:"));
        if (close < 0) {
            if (error)
                *error = Tr::tr("\"%1\": an IPv6 endpoint is written [address]:port.").arg(text);
            return std::nullopt;
        }
        host = text.mid(1, close - 1);
        portText = text.mid(close + 2);
    } else {
        const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
        if (colon < 0 || text.count(QLatin1Char(':')) > 1) {
            if (error)
                *error = Tr::tr("\"%1\": an endpoint is written address:port, like 127.0.0.1:5000 "
                                "or [::1]:5000.")
                             .arg(text);
            return std::nullopt;
        }
        host = text.left(colon);
        portText = text.mid(colon + 1);
    }
    bool ok = false;
    const uint port = portText.toUInt(&ok);
    if (!ok || port > 65535) {
        if (error)
            *error = Tr::tr("\"%1\" is not a port: a port is a whole number from 0 to 65535.")
                         .arg(portText);
        return std::nullopt;
    }
    return fromIp(host, quint16(port), error);
}

int SocketAddress::family() const
{
    return m_length >= sizeof(sa_family_t) ? m_storage.ss_family : AF_UNSPEC;
}

quint16 SocketAddress::port() const
{
    switch (family()) {
    case AF_INET:
        return ntohs(reinterpret_cast<const sockaddr_in*>(&m_storage)->sin_port);
    case AF_INET6:
        return ntohs(reinterpret_cast<const sockaddr_in6*>(&m_storage)->sin6_port);
    default:
        return 0;
    }
}

void SocketAddress::setPort(quint16 port)
{
    if (family() == AF_INET)
        reinterpret_cast<sockaddr_in*>(&m_storage)->sin_port = htons(port);
    else if (family() == AF_INET6)
        reinterpret_cast<sockaddr_in6*>(&m_storage)->sin6_port = htons(port);
}

SocketAddress SocketAddress::unmapped() const
{
    if (family() != AF_INET6)
        return *this;
    const auto* v6 = reinterpret_cast<const sockaddr_in6*>(&m_storage);
    if (!IN6_IS_ADDR_V4MAPPED(&v6->sin6_addr))
        return *this;
    sockaddr_in v4{};
    v4.sin_family = AF_INET;
    v4.sin_port = v6->sin6_port;
    std::memcpy(&v4.sin_addr, &v6->sin6_addr.s6_addr[12], sizeof(v4.sin_addr));
    return SocketAddress(reinterpret_cast<const sockaddr*>(&v4), sizeof(v4));
}

QString SocketAddress::host() const
{
    char text[INET6_ADDRSTRLEN] = {};
    switch (family()) {
    case AF_INET:
        inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(&m_storage)->sin_addr, text,
                  sizeof(text));
        return QString::fromLatin1(text);
    case AF_INET6:
        inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(&m_storage)->sin6_addr, text,
                  sizeof(text));
        return QString::fromLatin1(text);
    case AF_UNIX: {
        const auto* un = reinterpret_cast<const sockaddr_un*>(&m_storage);
        const auto pathBytes = qsizetype(m_length) - qsizetype(offsetof(sockaddr_un, sun_path));
        if (pathBytes <= 0)
            return {};
        if (un->sun_path[0] == '\0') // abstract namespace, shown as ss shows it
            return QLatin1Char('@') + QString::fromLocal8Bit(un->sun_path + 1, pathBytes - 1);
        return QString::fromLocal8Bit(un->sun_path, qsizetype(strnlen(un->sun_path, pathBytes)));
    }
    default:
        return {};
    }
}

int endpointPort(QStringView endpoint)
{
    const qsizetype colon = endpoint.lastIndexOf(QLatin1Char(':'));
    if (colon < 0)
        return -1;
    bool ok = false;
    const int port = endpoint.mid(colon + 1).toInt(&ok);
    return ok && port >= 0 && port <= 65535 ? port : -1;
}

QString SocketAddress::endpoint() const
{
    switch (family()) {
    case AF_INET:
        return host() + QLatin1Char(':') + QString::number(port());
    case AF_INET6:
        return QLatin1Char('[') + host() + QStringLiteral("]:") + QString::number(port());
    case AF_UNIX:
        return host();
    default:
        return {};
    }
}

QString SocketAddress::straceText() const
{
    switch (family()) {
    case AF_INET:
        return QStringLiteral("{sa_family=AF_INET, sin_port=htons(%1), sin_addr=inet_addr(\"%2\")}")
            .arg(port())
            .arg(host());
    case AF_INET6: {
        const auto* in6 = reinterpret_cast<const sockaddr_in6*>(&m_storage);
        return QStringLiteral("{sa_family=AF_INET6, sin6_port=htons(%1), sin6_flowinfo=htonl(%2), "
                              "inet_pton(AF_INET6, \"%3\", &sin6_addr), sin6_scope_id=%4}")
            .arg(port())
            .arg(ntohl(in6->sin6_flowinfo))
            .arg(host())
            .arg(in6->sin6_scope_id);
    }
    case AF_UNIX: {
        const QString path = host();
        if (path.isEmpty())
            return QStringLiteral("{sa_family=AF_UNIX}");
        return QStringLiteral("{sa_family=AF_UNIX, sun_path=%1}")
            .arg(quotedCString(path.toLocal8Bit()));
    }
    case AF_UNSPEC:
        return m_length ? QStringLiteral("{sa_family=AF_UNSPEC}") : QStringLiteral("NULL");
    default:
        return QStringLiteral("{sa_family=%1}").arg(family());
    }
}

bool SocketAddress::isWildcard() const
{
    const QString address = host();
    return (family() == AF_INET && address == QLatin1String("0.0.0.0")) ||
           (family() == AF_INET6 && address == QLatin1String("::"));
}

bool SocketAddress::operator==(const SocketAddress& other) const
{
    return m_length == other.m_length && std::memcmp(&m_storage, &other.m_storage, m_length) == 0;
}

size_t qHash(const SocketAddress& address, size_t seed)
{
    return qHashBits(address.data(), address.length(), seed);
}

QString familyName(int family)
{
    switch (family) {
    case AF_INET:
        return QStringLiteral("AF_INET");
    case AF_INET6:
        return QStringLiteral("AF_INET6");
    case AF_UNIX:
        return QStringLiteral("AF_UNIX");
    case AF_UNSPEC:
        return QStringLiteral("AF_UNSPEC");
    default:
        return QString::number(family);
    }
}

} // namespace SocketScope
