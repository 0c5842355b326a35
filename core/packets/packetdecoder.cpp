#include "packets/packetdecoder.h"

#include "calls/socketaddress.h"

#include <QCoreApplication>
#include <QStringList>
#include <QtEndian>

#include <cstring>
#include <netinet/in.h>

namespace SocketScope {

namespace {

class Tr {
    Q_DECLARE_TR_FUNCTIONS(PacketDecoder)
};

constexpr quint16 etherTypeIpv4 = 0x0800;
constexpr quint16 etherTypeIpv6 = 0x86dd;
constexpr quint16 etherTypeVlan = 0x8100;

// Bounds-checked big-endian reads over the frame.
class Reader {
public:
    explicit Reader(const QByteArray& bytes)
        : m_bytes(bytes)
    {
    }
    bool has(qsizetype offset, qsizetype count) const
    {
        return offset >= 0 && count >= 0 && offset + count <= m_bytes.size();
    }
    quint8 u8(qsizetype offset) const { return quint8(m_bytes[offset]); }
    quint16 u16(qsizetype offset) const
    {
        return qFromBigEndian<quint16>(m_bytes.constData() + offset);
    }
    quint32 u32(qsizetype offset) const
    {
        return qFromBigEndian<quint32>(m_bytes.constData() + offset);
    }
    const char* at(qsizetype offset) const { return m_bytes.constData() + offset; }
    qsizetype size() const { return m_bytes.size(); }
    QByteArray mid(qsizetype offset, qsizetype count) const { return m_bytes.mid(offset, count); }

private:
    const QByteArray& m_bytes;
};

// Where the IP header starts and which version it is, after the link-layer header.
std::optional<qsizetype> networkOffset(int linkType, const Reader& frame, QString* error)
{
    switch (linkType) {
    case LinkType::Ethernet: {
        qsizetype offset = 12;
        if (!frame.has(offset, 2))
            break;
        quint16 type = frame.u16(offset);
        if (type == etherTypeVlan) {
            offset += 4;
            if (!frame.has(offset, 2))
                break;
            type = frame.u16(offset);
        }
        if (type != etherTypeIpv4 && type != etherTypeIpv6) {
            *error = Tr::tr("not an IP frame (EtherType 0x%1)").arg(type, 4, 16, QLatin1Char('0'));
            return std::nullopt;
        }
        return offset + 2;
    }
    case LinkType::Null:
        if (!frame.has(0, 4))
            break;
        return qsizetype(4);
    case LinkType::Raw:
        return qsizetype(0);
    case LinkType::LinuxSll:
        if (!frame.has(0, 16))
            break;
        return qsizetype(16);
    case LinkType::LinuxSll2:
        if (!frame.has(0, 20))
            break;
        return qsizetype(20);
    default:
        *error = Tr::tr("link type %1 is not decoded").arg(linkType);
        return std::nullopt;
    }
    *error = Tr::tr("truncated link-layer header");
    return std::nullopt;
}

void decodeTcpOptions(const Reader& frame, qsizetype start, qsizetype end, DecodedPacket& packet)
{
    qsizetype offset = start;
    while (offset < end) {
        const quint8 kind = frame.u8(offset);
        if (kind == 0) // end of options
            return;
        if (kind == 1) { // no-operation
            ++offset;
            continue;
        }
        if (offset + 1 >= end)
            break;
        const quint8 length = frame.u8(offset + 1);
        if (length < 2 || offset + length > end)
            break;
        if (kind == 2 && length == 4)
            packet.mss = frame.u16(offset + 2);
        else if (kind == 3 && length == 3)
            packet.windowScale = frame.u8(offset + 2);
        else if (kind == 4 && length == 2)
            packet.sackPermitted = true;
        else if (kind == 8 && length == 10)
            packet.timestamps = std::make_pair(frame.u32(offset + 2), frame.u32(offset + 6));
        offset += length;
    }
    if (offset < end)
        packet.error = Tr::tr("malformed TCP option at byte %1").arg(offset);
}

void decodeTransport(const Reader& frame, qsizetype offset, qsizetype end, int protocol,
                     const char* sourceAddress, const char* destinationAddress,
                     DecodedPacket& packet)
{
    if (protocol != IPPROTO_TCP && protocol != IPPROTO_UDP) {
        packet.error = Tr::tr("IP protocol %1 is neither TCP nor UDP").arg(protocol);
        return;
    }
    const bool tcp = protocol == IPPROTO_TCP;
    const qsizetype minimum = tcp ? 20 : 8;
    if (!frame.has(offset, minimum) || offset + minimum > end) {
        packet.error = tcp ? Tr::tr("truncated TCP header") : Tr::tr("truncated UDP header");
        return;
    }
    packet.transport = tcp ? DecodedPacket::Transport::Tcp : DecodedPacket::Transport::Udp;
    packet.transportOffset = int(offset);
    const int family = packet.ipVersion == 4 ? AF_INET : AF_INET6;
    packet.source = SocketAddress::fromInet(family, sourceAddress, frame.u16(offset));
    packet.destination = SocketAddress::fromInet(family, destinationAddress, frame.u16(offset + 2));
    qsizetype payloadStart = offset + 8;
    if (tcp) {
        packet.sequenceNumber = frame.u32(offset + 4);
        packet.acknowledgementNumber = frame.u32(offset + 8);
        const qsizetype headerLength = (frame.u8(offset + 12) >> 4) * 4;
        packet.tcpFlags = frame.u8(offset + 13) & 0x3f;
        packet.window = frame.u16(offset + 14);
        if (headerLength < 20 || !frame.has(offset, headerLength) || offset + headerLength > end) {
            packet.error = Tr::tr("bad TCP header length %1").arg(headerLength);
            return;
        }
        decodeTcpOptions(frame, offset + 20, offset + headerLength, packet);
        payloadStart = offset + headerLength;
    }
    packet.payload = frame.mid(payloadStart, qMax<qsizetype>(0, end - payloadStart));
}

} // namespace

QString DecodedPacket::flagsText() const
{
    static const std::pair<quint8, const char*> names[] = {
        {Syn, "SYN"}, {Fin, "FIN"}, {Rst, "RST"}, {Psh, "PSH"}, {Urg, "URG"}, {Ack, "ACK"}};
    QStringList set;
    for (const auto& [bit, name] : names) {
        if (tcpFlags & bit)
            set << QString::fromLatin1(name);
    }
    return set.join(QStringLiteral(", "));
}

QString DecodedPacket::endpointText(const SocketAddress& address)
{
    if (address.port() != 0 || !address.isValid())
        return address.endpoint();
    return (address.family() == AF_INET6 ? QStringLiteral("[%1]:?") : QStringLiteral("%1:?"))
        .arg(address.host());
}

DecodedPacket decodeFrame(int linkType, const QByteArray& bytes)
{
    DecodedPacket packet;
    const Reader frame(bytes);
    const auto ip = networkOffset(linkType, frame, &packet.error);
    if (!ip)
        return packet;
    const qsizetype offset = *ip;
    packet.networkOffset = int(offset);
    if (!frame.has(offset, 1)) {
        packet.error = Tr::tr("truncated IP header");
        return packet;
    }
    packet.ipVersion = frame.u8(offset) >> 4;
    if (packet.ipVersion == 4) {
        const qsizetype headerLength = (frame.u8(offset) & 0x0f) * 4;
        if (headerLength < 20 || !frame.has(offset, headerLength)) {
            packet.error = Tr::tr("truncated IPv4 header");
            return packet;
        }
        const qsizetype total = frame.u16(offset + 2);
        const bool fragment = (frame.u16(offset + 6) & 0x1fff) != 0;
        if (fragment) {
            packet.error = Tr::tr("an IPv4 fragment after the first");
            return packet;
        }
        // Captures may cut the frame (snap length): decode what is there.
        const qsizetype end = qMin(frame.size(), offset + qMax(total, headerLength));
        decodeTransport(frame, offset + headerLength, end, frame.u8(offset + 9),
                        frame.at(offset + 12), frame.at(offset + 16), packet);
        return packet;
    }
    if (packet.ipVersion == 6) {
        if (!frame.has(offset, 40)) {
            packet.error = Tr::tr("truncated IPv6 header");
            return packet;
        }
        const qsizetype end = qMin(frame.size(), offset + 40 + frame.u16(offset + 4));
        decodeTransport(frame, offset + 40, end, frame.u8(offset + 6), frame.at(offset + 8),
                        frame.at(offset + 24), packet);
        return packet;
    }
    packet.error = Tr::tr("IP version %1 is not decoded").arg(packet.ipVersion);
    return packet;
}

} // namespace SocketScope
