#include "packets/packetcodec.h"

#include "calls/callcodec.h"
#include "calls/jsonfields.h"

#include <QCoreApplication>
#include <QJsonValue>

#include <sys/socket.h>

namespace SocketScope::PacketCodec {

namespace {

class Tr {
    Q_DECLARE_TR_FUNCTIONS(PacketCodec)
};

// Times in nanoseconds: two of them added stay far from overflowing.
constexpr qint64 maxTime = qint64(1) << 61;
constexpr qsizetype maxFrame = 262144; // the capture's snapshot length

QJsonValue endToJson(const PacketEnd& end)
{
    if (!end.isKnown())
        return QJsonValue();
    return QJsonObject{{QStringLiteral("actor"), end.actor}, {QStringLiteral("fd"), end.fd}};
}

PacketEnd endFromJson(JsonFields& fields, const char* key)
{
    const QJsonObject object = fields.object(key);
    if (object.isEmpty())
        return {};
    JsonFields end = fields.nested(object, fields.path(key));
    return PacketEnd{end.requiredString("actor", 256), int(end.requiredInteger("fd", 0, 1 << 20))};
}

// The header fields of an inferred packet, which has no frame to decode again.
QJsonObject inferredToJson(const DecodedPacket& d)
{
    QJsonObject header{
        {QStringLiteral("transport"), d.transport == DecodedPacket::Transport::Tcp
                                          ? QStringLiteral("tcp")
                                          : QStringLiteral("udp")},
        {QStringLiteral("tcp_flags"), d.tcpFlags},
        {QStringLiteral("seq_no"), qint64(d.sequenceNumber)},
        {QStringLiteral("ack_no"), qint64(d.acknowledgementNumber)},
        {QStringLiteral("payload_hex"), QString::fromLatin1(d.payload.toHex())},
    };
    CallCodec::putAddress(header, "src_addr", d.source);
    CallCodec::putAddress(header, "dst_addr", d.destination);
    return header;
}

bool isInet(const SocketAddress& address)
{
    return address.family() == AF_INET || address.family() == AF_INET6;
}

DecodedPacket inferredFromJson(JsonFields f)
{
    DecodedPacket d;
    const QString transport = f.requiredString("transport", 8);
    if (transport == QLatin1String("tcp"))
        d.transport = DecodedPacket::Transport::Tcp;
    else if (transport == QLatin1String("udp"))
        d.transport = DecodedPacket::Transport::Udp;
    else
        f.fail("transport", Tr::tr("must be \"tcp\" or \"udp\""));
    d.source = CallCodec::readAddress(f, "src_addr");
    d.destination = CallCodec::readAddress(f, "dst_addr");
    if (!isInet(d.source))
        f.fail("src_addr", Tr::tr("must be an IPv4 or IPv6 address"));
    else if (d.destination.family() != d.source.family())
        f.fail("dst_addr", Tr::tr("must be an address of the same family as src_addr"));
    d.ipVersion = d.source.family() == AF_INET6 ? 6 : 4;
    d.tcpFlags = quint8(f.integer("tcp_flags", 0, 0, 255));
    d.sequenceNumber = quint32(f.integer("seq_no", 0, 0, 0xffffffffLL));
    d.acknowledgementNumber = quint32(f.integer("ack_no", 0, 0, 0xffffffffLL));
    d.payload = f.hex("payload_hex", maxFrame);
    return d;
}

} // namespace

QJsonObject toJson(const PacketEvent& packet)
{
    const DecodedPacket& d = packet.decoded;
    const bool tcp = packet.isTcp();
    QJsonObject object;
    object[QLatin1String("kind")] = QStringLiteral("packet");
    object[QLatin1String("seq")] = packet.seq;
    object[QLatin1String("t_ns")] = packet.tNs;
    object[QLatin1String("proto")] = packet.protocolName();
    object[QLatin1String("src")] = DecodedPacket::endpointText(d.source);
    object[QLatin1String("dst")] = DecodedPacket::endpointText(d.destination);
    object[QLatin1String("flags")] = tcp ? QJsonValue(d.flagsText()) : QJsonValue();
    object[QLatin1String("seq_no")] = tcp ? QJsonValue(qint64(d.sequenceNumber)) : QJsonValue();
    object[QLatin1String("ack_no")] =
        tcp ? QJsonValue(qint64(d.acknowledgementNumber)) : QJsonValue();
    object[QLatin1String("rel_seq_no")] =
        tcp ? QJsonValue(qint64(packet.relativeSeq)) : QJsonValue();
    object[QLatin1String("rel_ack_no")] =
        tcp ? QJsonValue(qint64(packet.relativeAck)) : QJsonValue();
    object[QLatin1String("len")] = packet.payloadLength();
    if (packet.payloadNotKept > 0)
        object[QLatin1String("payload_not_kept")] = packet.payloadNotKept;
    object[QLatin1String("cause")] = packet.cause >= 0 ? QJsonValue(packet.cause) : QJsonValue();
    object[QLatin1String("inferred")] = packet.inferred;
    object[QLatin1String("sender")] = endToJson(packet.sender);
    object[QLatin1String("receiver")] = endToJson(packet.receiver);
    if (packet.inferred) {
        object[QLatin1String("header")] = inferredToJson(d);
        object[QLatin1String("sent_by_caller")] = packet.sentByCaller;
    } else {
        object[QLatin1String("capture_time_ns")] = packet.captureTimeNs;
        object[QLatin1String("link_type")] = packet.linkType;
        object[QLatin1String("orig_len")] = qint64(packet.originalLength);
        object[QLatin1String("frame_hex")] = QString::fromLatin1(packet.frame.toHex());
    }
    return object;
}

std::optional<PacketEvent> fromJson(const QJsonObject& object, QString* error)
{
    JsonFields f(object, QString(), error);
    PacketEvent packet;
    packet.seq = f.requiredInteger("seq", 1, maxTime);
    packet.tNs = f.requiredInteger("t_ns", 0, maxTime);
    packet.inferred = f.boolean("inferred", false);
    packet.cause = f.integer("cause", -1, -1, maxTime);
    packet.sender = endFromJson(f, "sender");
    packet.receiver = endFromJson(f, "receiver");
    packet.relativeSeq = quint32(f.integer("rel_seq_no", 0, 0, 0xffffffffLL));
    packet.relativeAck = quint32(f.integer("rel_ack_no", 0, 0, 0xffffffffLL));
    if (packet.inferred) {
        packet.decoded = inferredFromJson(f.nested(f.object("header"), QStringLiteral("header")));
        packet.sentByCaller = f.boolean("sent_by_caller", false);
    } else {
        packet.captureTimeNs = f.integer("capture_time_ns", 0, 0, maxTime);
        packet.linkType = int(f.requiredInteger("link_type", 0, 65535));
        packet.originalLength = quint32(f.integer("orig_len", 0, 0, 0xffffffffLL));
        packet.frame = f.hex("frame_hex", maxFrame);
        if (packet.frame.isEmpty())
            f.fail("frame_hex", Tr::tr("a captured packet needs its frame"));
        // Outside input like any capture: decoded here, once, with all its checks.
        packet.decoded = decodeFrame(packet.linkType, packet.frame);
    }
    packet.payloadNotKept = f.integer("payload_not_kept", 0, 0, maxTime);
    if (!f.ok())
        return std::nullopt;
    return packet;
}

} // namespace SocketScope::PacketCodec
