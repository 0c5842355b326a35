#include "calls/byteorder.h"

#include <QCoreApplication>

#include <arpa/inet.h>
#include <cstring>
#include <netinet/in.h>
#include <sys/un.h>

namespace SocketScope::ByteOrder {

namespace {

class Tr {
    Q_DECLARE_TR_FUNCTIONS(ByteOrder)
};

template <typename T> QByteArray bytesOf(const T& value)
{
    return QByteArray(reinterpret_cast<const char*>(&value), sizeof(value));
}

quint32 readLittleEndian(const QByteArray& bytes)
{
    quint32 value = 0;
    for (qsizetype i = bytes.size() - 1; i >= 0; --i)
        value = (value << 8) | static_cast<unsigned char>(bytes[i]);
    return value;
}

quint32 readBigEndian(const QByteArray& bytes)
{
    quint32 value = 0;
    for (const char byte : bytes)
        value = (value << 8) | static_cast<unsigned char>(byte);
    return value;
}

} // namespace

bool hostIsLittleEndian()
{
    const quint16 probe = 1;
    unsigned char first = 0;
    std::memcpy(&first, &probe, 1);
    return first == 1;
}

QList<SockaddrField> layout(int family)
{
    using Kind = SockaddrField::Kind;
    const auto field = [](Kind kind, const char* name, size_t offset, size_t size) {
        return SockaddrField{kind, QString::fromLatin1(name), int(offset), int(size)};
    };
    switch (family) {
    case AF_INET:
        return {field(Kind::Family, "sin_family", offsetof(sockaddr_in, sin_family),
                      sizeof(sockaddr_in::sin_family)),
                field(Kind::Port, "sin_port", offsetof(sockaddr_in, sin_port),
                      sizeof(sockaddr_in::sin_port)),
                field(Kind::Address, "sin_addr", offsetof(sockaddr_in, sin_addr),
                      sizeof(sockaddr_in::sin_addr)),
                field(Kind::Padding, "sin_zero", offsetof(sockaddr_in, sin_zero),
                      sizeof(sockaddr_in::sin_zero))};
    case AF_INET6:
        return {field(Kind::Family, "sin6_family", offsetof(sockaddr_in6, sin6_family),
                      sizeof(sockaddr_in6::sin6_family)),
                field(Kind::Port, "sin6_port", offsetof(sockaddr_in6, sin6_port),
                      sizeof(sockaddr_in6::sin6_port)),
                field(Kind::FlowInfo, "sin6_flowinfo", offsetof(sockaddr_in6, sin6_flowinfo),
                      sizeof(sockaddr_in6::sin6_flowinfo)),
                field(Kind::Address, "sin6_addr", offsetof(sockaddr_in6, sin6_addr),
                      sizeof(sockaddr_in6::sin6_addr)),
                field(Kind::ScopeId, "sin6_scope_id", offsetof(sockaddr_in6, sin6_scope_id),
                      sizeof(sockaddr_in6::sin6_scope_id))};
    case AF_UNIX:
        return {field(Kind::Family, "sun_family", offsetof(sockaddr_un, sun_family),
                      sizeof(sockaddr_un::sun_family)),
                field(Kind::Path, "sun_path", offsetof(sockaddr_un, sun_path),
                      sizeof(sockaddr_un::sun_path))};
    default:
        return {};
    }
}

QString structName(int family)
{
    switch (family) {
    case AF_INET:
        return QStringLiteral("sockaddr_in");
    case AF_INET6:
        return QStringLiteral("sockaddr_in6");
    case AF_UNIX:
        return QStringLiteral("sockaddr_un");
    default:
        return QStringLiteral("sockaddr");
    }
}

quint16 portWithoutHtons(quint16 port)
{
    // The program stores the host-order bytes; the peer reads them as network order.
    return quint16(readBigEndian(bytesOf(port)));
}

std::optional<Conversion> convertNumber(const QString& text, int bits, QString* error)
{
    bool ok = false;
    const qulonglong value = text.trimmed().toULongLong(&ok, 0);
    const qulonglong maximum = bits == 16 ? 0xffff : 0xffffffff;
    if (!ok || value > maximum) {
        if (error) {
            *error = bits == 16
                         ? Tr::tr("\"%1\" is not a 16-bit number: a port goes from 0 "
                                  "to 65535.")
                               .arg(text)
                         : Tr::tr("\"%1\" is not a 32-bit number (0 to 4294967295).").arg(text);
        }
        return std::nullopt;
    }
    Conversion conversion;
    conversion.value = quint32(value);
    conversion.bits = bits;
    if (bits == 16) {
        const auto host = quint16(value);
        const quint16 network = htons(host);
        conversion.hostBytes = bytesOf(host);
        conversion.networkBytes = bytesOf(network);
    } else {
        const auto host = quint32(value);
        const quint32 network = htonl(host);
        conversion.hostBytes = bytesOf(host);
        conversion.networkBytes = bytesOf(network);
    }
    // The host's bytes read by a machine of the other order: the course's 325 -> 17665.
    conversion.misreadValue = hostIsLittleEndian() ? readBigEndian(conversion.hostBytes)
                                                   : readLittleEndian(conversion.hostBytes);
    return conversion;
}

std::optional<QByteArray> convertAddress(const QString& text, int* family, QString* error)
{
    const QByteArray latin = text.trimmed().toLatin1();
    in_addr v4{};
    if (inet_pton(AF_INET, latin.constData(), &v4) == 1) {
        if (family)
            *family = AF_INET;
        return bytesOf(v4);
    }
    in6_addr v6{};
    if (inet_pton(AF_INET6, latin.constData(), &v6) == 1) {
        if (family)
            *family = AF_INET6;
        return bytesOf(v6);
    }
    if (error)
        *error = Tr::tr("\"%1\" is not an IPv4 address (like 127.0.0.1) or an IPv6 address "
                        "(like ::1).")
                     .arg(text);
    return std::nullopt;
}

} // namespace SocketScope::ByteOrder
