#include "packets/packetevent.h"

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

} // namespace SocketScope
