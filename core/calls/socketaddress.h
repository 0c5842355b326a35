#pragma once

#include <QString>

#include <optional>
#include <sys/socket.h>

namespace SocketScope {

// A sockaddr as the kernel sees it: the raw storage and its length, with helpers to build one
// from user text and to render it the way a student reads it ("127.0.0.1:5000") or the way
// strace prints it.
class SocketAddress {
public:
    SocketAddress() = default;
    SocketAddress(const sockaddr* address, socklen_t length);

    // Parses a numeric IPv4 or IPv6 address with inet_pton; nullopt with *error set otherwise.
    static std::optional<SocketAddress> fromIp(const QString& ip, quint16 port,
                                               QString* error = nullptr);
    // An address as it stands in an IP header or a kernel record: 4 bytes for AF_INET, 16 for
    // AF_INET6, in network order, with its port in host order.
    static SocketAddress fromInet(int family, const void* address, quint16 port);
    static std::optional<SocketAddress> fromUnixPath(const QString& path, QString* error = nullptr);
    // Accepts "127.0.0.1:5000", "[::1]:5000" or an absolute AF_UNIX path.
    static std::optional<SocketAddress> fromEndpoint(const QString& endpoint,
                                                     QString* error = nullptr);

    bool isValid() const { return m_length > 0; }
    // INADDR_ANY (0.0.0.0) or in6addr_any (::): every address of the machine.
    bool isWildcard() const;
    int family() const;
    quint16 port() const;       // host order; 0 for AF_UNIX
    QString host() const;       // "127.0.0.1", "::1", the path for AF_UNIX
    QString endpoint() const;   // "127.0.0.1:5000", "[::1]:5000", "/tmp/x"
    QString straceText() const; // {sa_family=AF_INET, sin_port=htons(5000), ...}
    void setPort(quint16 port);
    // An IPv4-mapped IPv6 address (::ffff:127.0.0.1) as the IPv4 address it stands for,
    // which is what travels on the wire; any other address as it is.
    SocketAddress unmapped() const;

    const sockaddr* data() const { return reinterpret_cast<const sockaddr*>(&m_storage); }
    socklen_t length() const { return m_length; }

    bool operator==(const SocketAddress& other) const;

private:
    sockaddr_storage m_storage{};
    socklen_t m_length = 0;
};

size_t qHash(const SocketAddress& address, size_t seed = 0);

QString familyName(int family);

// The port at the end of "127.0.0.1:5000" or "[::1]:5000"; -1 for "*", a path or no port.
int endpointPort(QStringView endpoint);

} // namespace SocketScope
