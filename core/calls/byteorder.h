#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace SocketScope::ByteOrder {

// The course's "language problem": hosts store integers in their own byte order, the
// network (and every sockaddr) in big-endian order.
bool hostIsLittleEndian(); // measured at run time, not assumed

// One field of a sockaddr as this machine's C library lays it out.
struct SockaddrField {
    enum class Kind { Family, Port, Address, Padding, FlowInfo, ScopeId, Path };
    Kind kind;
    QString name; // "sin_port"
    int offset = 0;
    int size = 0;
};
// sockaddr_in, sockaddr_in6 or sockaddr_un, from offsetof/sizeof of the real structures.
QList<SockaddrField> layout(int family);
QString structName(int family); // "sockaddr_in"

// The port a peer would really see had the program stored it without htons().
quint16 portWithoutHtons(quint16 port);

// A number in both byte orders, as the converter shows it.
struct Conversion {
    quint32 value = 0;
    int bits = 16;            // 16: htons/ntohs; 32: htonl/ntohl
    QByteArray hostBytes;     // how this machine stores it
    QByteArray networkBytes;  // what htons/htonl produce, what travels on the wire
    quint32 misreadValue = 0; // the same bytes read in the other order (325 <-> 17665)
};
std::optional<Conversion> convertNumber(const QString& text, int bits, QString* error);
// inet_pton: the bytes of an IPv4 or IPv6 address (already in network order).
std::optional<QByteArray> convertAddress(const QString& text, int* family, QString* error);

} // namespace SocketScope::ByteOrder
