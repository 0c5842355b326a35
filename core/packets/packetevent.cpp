#include "packets/packetevent.h"

#include <QJsonValue>
#include <QStringList>

namespace SocketScope {

QString PacketEvent::protocolName() const
{
    return isTcp() ? QStringLiteral("TCP") : QStringLiteral("UDP");
}

QString PacketEvent::label() const
{
    if (!isTcp())
        return QStringLiteral("UDP len=%1").arg(payloadLength());
    QString text = decoded.flagsText();
    if (payloadLength() > 0)
        text += QStringLiteral(" len=%1").arg(payloadLength());
    return text;
}

QString PacketEvent::details(bool relative) const
{
    if (!isTcp())
        return QString();
    QStringList parts;
    parts << QStringLiteral("seq=%1").arg(relative ? relativeSeq : decoded.sequenceNumber);
    if (decoded.tcpFlags & DecodedPacket::Ack)
        parts << QStringLiteral("ack=%1").arg(relative ? relativeAck
                                                       : decoded.acknowledgementNumber);
    if (!inferred) // the calls do not tell the window
        parts << QStringLiteral("win=%1").arg(decoded.window);
    if (decoded.mss)
        parts << QStringLiteral("MSS=%1").arg(*decoded.mss);
    if (decoded.sackPermitted)
        parts << QStringLiteral("SACK_PERM");
    if (decoded.timestamps)
        parts << QStringLiteral("TS=%1/%2")
                     .arg(decoded.timestamps->first)
                     .arg(decoded.timestamps->second);
    if (decoded.windowScale)
        parts << QStringLiteral("WS=%1").arg(*decoded.windowScale);
    return parts.join(QLatin1Char(' '));
}

QJsonObject PacketEvent::toJson() const
{
    QJsonObject object;
    object[QLatin1String("kind")] = QStringLiteral("packet");
    object[QLatin1String("seq")] = seq;
    object[QLatin1String("t_ns")] = tNs;
    object[QLatin1String("proto")] = protocolName();
    object[QLatin1String("src")] = decoded.source;
    object[QLatin1String("dst")] = decoded.destination;
    object[QLatin1String("flags")] = isTcp() ? QJsonValue(decoded.flagsText()) : QJsonValue();
    object[QLatin1String("seq_no")] =
        isTcp() ? QJsonValue(qint64(decoded.sequenceNumber)) : QJsonValue();
    object[QLatin1String("ack_no")] =
        isTcp() ? QJsonValue(qint64(decoded.acknowledgementNumber)) : QJsonValue();
    object[QLatin1String("rel_seq_no")] = isTcp() ? QJsonValue(qint64(relativeSeq)) : QJsonValue();
    object[QLatin1String("rel_ack_no")] = isTcp() ? QJsonValue(qint64(relativeAck)) : QJsonValue();
    object[QLatin1String("len")] = payloadLength();
    object[QLatin1String("cause")] = cause >= 0 ? QJsonValue(cause) : QJsonValue();
    object[QLatin1String("inferred")] = inferred;
    const auto end = [](const PacketEnd& e) {
        if (!e.isKnown())
            return QJsonValue();
        QJsonObject o;
        o[QLatin1String("actor")] = e.actor;
        o[QLatin1String("fd")] = e.fd;
        return QJsonValue(o);
    };
    object[QLatin1String("sender")] = end(sender);
    object[QLatin1String("receiver")] = end(receiver);
    if (!inferred)
        object[QLatin1String("capture_time_ns")] = captureTimeNs;
    return object;
}

} // namespace SocketScope
