#include "packetheaderhtml.h"

#include "calls/crender.h"
#include "calls/displaytext.h"

#include <QCoreApplication>
#include <QtEndian>

namespace SocketScope {

namespace {

class Tr {
    Q_DECLARE_TR_FUNCTIONS(SocketScope::PacketHeader)
};

// The byte panel's colours: ports orange, addresses green, the rest grey.
enum class FieldKind { Other, Address, Port };

QColor colourOf(FieldKind kind, const Theme& theme)
{
    switch (kind) {
    case FieldKind::Other:
        return theme.byteOther;
    case FieldKind::Address:
        return theme.byteAddress;
    case FieldKind::Port:
        return theme.bytePort;
    }
    return theme.byteOther;
}

constexpr FieldKind addressColour = FieldKind::Address;
constexpr FieldKind portColour = FieldKind::Port;

struct Field {
    QString name;
    int offset = 0; // from the start of the frame
    int size = 0;
    FieldKind colour = FieldKind::Other;
};

QList<Field> headerFields(const PacketEvent& packet)
{
    const DecodedPacket& d = packet.decoded;
    QList<Field> fields;
    const int ip = d.networkOffset;
    if (d.ipVersion == 4) {
        fields << Field{Tr::tr("IPv4 header"), ip, 12}
               << Field{Tr::tr("source address"), ip + 12, 4, addressColour}
               << Field{Tr::tr("destination address"), ip + 16, 4, addressColour};
    } else {
        fields << Field{Tr::tr("IPv6 header"), ip, 8}
               << Field{Tr::tr("source address"), ip + 8, 16, addressColour}
               << Field{Tr::tr("destination address"), ip + 24, 16, addressColour};
    }
    const int t = d.transportOffset;
    fields << Field{Tr::tr("source port"), t, 2, portColour}
           << Field{Tr::tr("destination port"), t + 2, 2, portColour};
    if (packet.isTcp())
        fields << Field{Tr::tr("seq"), t + 4, 4} << Field{Tr::tr("ack"), t + 8, 4}
               << Field{Tr::tr("offset, flags"), t + 12, 2} << Field{Tr::tr("window"), t + 14, 2}
               << Field{Tr::tr("checksum, urgent"), t + 16, 4};
    else
        fields << Field{Tr::tr("length"), t + 4, 2} << Field{Tr::tr("checksum"), t + 6, 2};
    return fields;
}

QString fieldTable(const QByteArray& frame, const QList<Field>& fields, const Theme& theme)
{
    const QString ink = theme.ink.name();
    QString cells;
    QString names;
    for (const Field& field : fields) {
        if (field.offset < 0 || field.offset + field.size > frame.size())
            continue;
        for (int i = 0; i < field.size; ++i)
            cells += QStringLiteral("<td align='center' style='background:%1; color:%2'><tt>%3"
                                    "</tt></td>")
                         .arg(colourOf(field.colour, theme).name(), ink,
                              QString::fromLatin1(frame.mid(field.offset + i, 1).toHex()));
        names += QStringLiteral("<td colspan='%1' align='center' style='background:%2; color:%3'>"
                                "<small>%4</small></td>")
                     .arg(field.size)
                     .arg(colourOf(field.colour, theme).name(), ink, field.name);
    }
    return QStringLiteral("<table cellspacing='1' cellpadding='3'><tr>%1</tr><tr>%2</tr></table>")
        .arg(cells, names);
}

QByteArray networkOrder(quint16 port)
{
    QByteArray bytes(2, '\0');
    qToBigEndian(port, bytes.data());
    return bytes;
}

// Which port of the packet the call's sockaddr names, and where that sockaddr is.
QString portLink(const PacketEvent& packet, const std::optional<CallEvent>& cause)
{
    if (!cause)
        return {};
    const SocketAddress& address = cause->arguments.address.isValid()
                                       ? cause->arguments.address
                                       : cause->results.returnedAddress;
    if (!address.isValid() || address.port() == 0)
        return {};
    const quint16 port = address.port();
    const DecodedPacket& d = packet.decoded;
    if (port != d.source.port() && port != d.destination.port())
        return {};
    const QString which =
        port == d.destination.port() ? Tr::tr("destination port") : Tr::tr("source port");
    return Tr::tr("The %1 bytes %2 are port %3 in network order: the same two bytes as the "
                  "port field of the sockaddr %4() passed (seq %5). htons() put them in that "
                  "order in memory; they go on the wire unchanged.")
        .arg(which, CRender::hexBytes(networkOrder(port)))
        .arg(port)
        .arg(Calls::name(cause->call))
        .arg(cause->seq);
}

} // namespace

QString packetHeaderHtml(const PacketEvent& packet, const std::optional<CallEvent>& cause,
                         const Theme& theme)
{
    QString html =
        QStringLiteral("<h3>%1</h3>")
            .arg(Tr::tr("Packet %1: %2 %3 \u2192 %4, %5")
                     .arg(packet.seq)
                     .arg(packet.protocolName(), DecodedPacket::endpointText(packet.decoded.source),
                          DecodedPacket::endpointText(packet.decoded.destination), packet.label()));
    if (packet.inferred) {
        html +=
            QStringLiteral("<p><i>%1</i></p>")
                .arg(Tr::tr("Inferred packet: nothing was captured, so there are no real "
                            "bytes. Its ports would travel as %1 and %2 (network order).")
                         .arg(CRender::hexBytes(networkOrder(packet.decoded.source.port())),
                              CRender::hexBytes(networkOrder(packet.decoded.destination.port()))));
    } else if (packet.decoded.transportOffset >= 0 && packet.decoded.networkOffset >= 0) {
        html += fieldTable(packet.frame, headerFields(packet), theme);
    }
    if (packet.payloadNotKept > 0)
        html += QStringLiteral("<p><i>%1</i></p>")
                    .arg(Tr::tr("Payload of %1 bytes: %2 (a long stream keeps its first bytes).")
                             .arg(packet.payloadLength())
                             .arg(DisplayText::notKept(packet.payloadNotKept)));
    const QString link = portLink(packet, cause);
    if (!link.isEmpty())
        html += QStringLiteral("<p>%1</p>").arg(link);
    return html;
}

} // namespace SocketScope
